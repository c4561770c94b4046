/** JSON error bodies of the collector API: a stable code, a message, and the field errors if any. */
import type { FastifyReply } from 'fastify';
import type { ValidationError } from './validation-error.ts';

export interface ErrorBody {
  error: string;
  message: string;
  errors?: ValidationError[];
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string, extra: { errors?: ValidationError[]; retryAfterSeconds?: number } = {}): FastifyReply {
  if (extra.retryAfterSeconds !== undefined) reply.header('Retry-After', String(extra.retryAfterSeconds));
  const body: ErrorBody = { error: code, message };
  if (extra.errors) body.errors = extra.errors;
  return reply.code(status).send(body);
}
