/**
 * The collector's HTTP API (SPEC §1.1), built by a function so tests can `inject()` requests.
 *   POST /useractivityvault/v1/useractivity/{activityName}   one activity
 *   POST /useractivityvault/v1/useractivity                  batch: {"activities": [...]}
 * A 2xx is sent only after Kafka acknowledged the record (acks=all).
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import { randomUUID } from 'node:crypto';
import type { UavEvent } from '../../avro/generated/index.ts';
import { PlaypulseError } from '../runtime/errors.ts';
import type { OutgoingMessage } from '../runtime/message-bus.ts';
import type { DeadLetterInput } from '../runtime/dead-letter.ts';
import { registerOpsRoutes, type ReadinessChecks } from '../runtime/ops-routes.ts';
import { validateActivity } from './validate-activity.ts';
import { processBatchBody, type BatchContext, type BatchOutcome } from './process-batch-body.ts';
import { enrichActivity } from './enrich-activity.ts';
import { isTenantMismatch } from './tenant-check.ts';
import { formatValidationErrors, type ValidationError } from './validation-error.ts';
import type { NormalizedActivity } from './normalized-activity.ts';
import type { ActivitySink } from './activity-sink.ts';
import type { TokenVerifier } from './token-auth.ts';
import type { CollectorRateLimiter } from './rate-limiter.ts';
import { activityLabel, type CollectorTelemetry } from './collector-telemetry.ts';
import { sendError } from './http-errors.ts';
import { singleRouteSchema, batchRouteSchema } from './openapi-schemas.ts';

/** Runs batch bodies elsewhere (batch-worker-pool.ts). */
export interface BatchRunner {
  run(raw: Buffer, ctx: BatchContext): Promise<BatchOutcome>;
}

/** The body of a batch request left unparsed for a batch worker. */
const RAW_FOR_WORKER = Symbol('raw batch body');

export const ROUTE_SINGLE = '/useractivityvault/v1/useractivity/:activityName';
export const ROUTE_BATCH = '/useractivityvault/v1/useractivity';
const SOURCE = 'collector';

export interface CollectorAppOptions {
  sink: ActivitySink;
  metrics: CollectorTelemetry;
  /** null = auth off (local demo only, explicit config). */
  auth: TokenVerifier | null;
  defaultTenant: string;
  rateLimiter: CollectorRateLimiter;
  ipHashKey: string;
  maxBodyBytes: number;
  maxBatchBodyBytes: number;
  maxBatchItems: number;
  retryAfterSeconds: number;
  trustProxy: boolean;
  readiness: ReadinessChecks;
  now?: () => number;
  newId?: () => string;
  /** Batch bodies parsed, validated and encoded in worker threads (COLLECTOR_BATCH_WORKERS); null = on the request's thread. */
  batchWorkers?: BatchRunner | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    tenant: string;
    rawBody: Buffer | null;
  }
}

class InvalidJsonError extends PlaypulseError {
  constructor(message: string) {
    super('INVALID_JSON', message, { retriable: false });
  }
}

/** How many items map to each label value: one counter increment per value instead of one per item. */
function countBy<T>(items: readonly T[], label: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = label(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

export async function buildCollectorApp(o: CollectorAppOptions): Promise<FastifyInstance> {
  const now = o.now ?? Date.now;
  const newId = o.newId ?? randomUUID;
  const app = Fastify({ logger: false, trustProxy: o.trustProxy, bodyLimit: o.maxBatchBodyBytes });
  // Bodies are validated by validate-activity.ts; route schemas are documentation (OpenAPI) only.
  app.setValidatorCompiler(() => () => true);
  app.decorateRequest('tenant', '');
  app.decorateRequest('rawBody', null);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Playpulse collector — UAV activity API', version: '1.0.0', description: 'Client apps report viewer activity and playback metrics (seeds 001, 002; SPEC §1.1).' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'application/*+json'], { parseAs: 'buffer' }, (req, body, done) => {
    req.rawBody = body as Buffer;
    // With batch workers, a batch body is parsed in the worker, not here.
    if (o.batchWorkers && req.routeOptions.url === ROUTE_BATCH) return done(null, RAW_FOR_WORKER);
    try {
      done(null, (body as Buffer).length === 0 ? undefined : JSON.parse((body as Buffer).toString('utf8')));
    } catch (err) {
      done(null, new InvalidJsonError(`body is not valid JSON: ${(err as Error).message}`));
    }
  });

  app.setErrorHandler((err: { code?: string; statusCode?: number; message: string }, _req, reply) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, 'PAYLOAD_TOO_LARGE', err.message);
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
    if (err.statusCode && err.statusCode < 500) return sendError(reply, err.statusCode, err.code ?? 'BAD_REQUEST', err.message);
    return sendError(reply, 500, 'INTERNAL', 'internal error');
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unknown';
    const activity = route === ROUTE_SINGLE ? activityLabel((req.params as { activityName?: string }).activityName) : route === ROUTE_BATCH ? 'batch' : 'none';
    o.metrics.requests.inc({ route, status: String(reply.statusCode), activity });
    o.metrics.requestDuration.observe({ route }, reply.elapsedTime / 1000);
  });

  const authenticate = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!o.auth) {
      req.tenant = o.defaultTenant;
      return;
    }
    try {
      req.tenant = await o.auth.verify(req.headers.authorization);
    } catch (err) {
      o.metrics.rejected.inc({ reason: 'unauthenticated' });
      return sendError(reply, 401, 'UNAUTHENTICATED', (err as Error).message);
    }
  };

  const unavailable = (reply: FastifyReply, err: unknown) => {
    const e = err as PlaypulseError;
    o.metrics.rejected.inc({ reason: 'unavailable' });
    return sendError(reply, 503, e.code ?? 'KAFKA_UNAVAILABLE', `not stored, retry later: ${e.message}`, { retryAfterSeconds: o.retryAfterSeconds });
  };

  const deadLetterFor = (req: FastifyRequest, reasonCode: string, reason: string, payload: Buffer, attributes: Record<string, string>): DeadLetterInput => ({
    source: SOURCE,
    reasonCode,
    reason,
    payload,
    tenant: req.tenant || null,
    attributes,
    rejectedAt: now(),
  });

  const publish = async (events: OutgoingMessage[], deadLetters: OutgoingMessage[]) => {
    const started = process.hrtime.bigint();
    try {
      await o.sink.publish(events, deadLetters);
      o.metrics.produceLatency.observe({ outcome: 'ok' }, Number(process.hrtime.bigint() - started) / 1e9);
    } catch (err) {
      o.metrics.produceLatency.observe({ outcome: 'error' }, Number(process.hrtime.bigint() - started) / 1e9);
      throw err;
    } finally {
      const s = o.sink.stats();
      o.metrics.queueDepth.set(s.queued + s.inFlight);
    }
  };

  /** A refused body: dead-lettered with its reason, counted, answered 400; 503 when the dead letter cannot be stored. */
  const refuse = async (req: FastifyRequest, reply: FastifyReply, r: { reasonCode: string; reason: string; payload: Buffer; attributes: Record<string, string>; metricReason: string; extra?: { errors?: ValidationError[] } }) => {
    try {
      await publish([], [o.sink.encodeDeadLetter(deadLetterFor(req, r.reasonCode, r.reason, r.payload, r.attributes))]);
    } catch (err) {
      return unavailable(reply, err);
    }
    o.metrics.rejected.inc({ reason: r.metricReason });
    return sendError(reply, 400, r.reasonCode, r.reason, r.extra);
  };

  const enrich = (req: FastifyRequest, a: NormalizedActivity): UavEvent => enrichActivity(a, { tenant: req.tenant, receivedAt: now(), clientIp: req.ip, ipHashKey: o.ipHashKey, newId });

  app.post(ROUTE_SINGLE, { schema: singleRouteSchema, bodyLimit: o.maxBodyBytes, onRequest: authenticate }, async (req, reply) => {
    const activityName = (req.params as { activityName: string }).activityName;
    const raw = req.rawBody ?? Buffer.alloc(0);
    const body = req.body;
    let errors: ValidationError[] | null = null;
    let reasonCode = 'VALIDATION_FAILED';
    let activity: NormalizedActivity | null = null;
    if (body instanceof InvalidJsonError) {
      errors = [{ field: '$', rule: 'format', message: body.message }];
      reasonCode = 'INVALID_JSON';
    } else {
      const r = validateActivity(activityName, body);
      if (r.ok) activity = r.activity;
      else errors = r.errors;
    }
    if (errors || !activity) {
      const list = errors ?? [];
      const reason = formatValidationErrors(list);
      const first = list[0];
      return refuse(req, reply, { reasonCode, reason, payload: raw, attributes: { activityName, field: first?.field ?? '$', rule: first?.rule ?? 'format' }, metricReason: first?.rule ?? 'format', extra: { errors: list } });
    }
    if (o.auth && isTenantMismatch(activity, req.tenant)) {
      o.metrics.rejected.inc({ reason: 'tenant_mismatch' });
      return sendError(reply, 403, 'TENANT_MISMATCH', `appName ${activity.appName} is not the token's tenant ${req.tenant}`);
    }
    const rate = o.rateLimiter.check(req.tenant, new Map([[activity.deviceId, 1]]), now());
    if (!rate.allowed) {
      o.metrics.rejected.inc({ reason: `rate_limited_${rate.scope}` });
      return sendError(reply, 429, 'RATE_LIMITED', `rate limit of the ${rate.scope} exceeded`, { retryAfterSeconds: rate.retryAfterSeconds });
    }
    const event = enrich(req, activity);
    let message: OutgoingMessage;
    try {
      message = o.sink.encodeEvent(event);
    } catch (err) {
      const reason = (err as Error).message;
      return refuse(req, reply, { reasonCode: 'AVRO_INVALID', reason, payload: raw, attributes: { activityName }, metricReason: 'schema' });
    }
    try {
      await publish([message], []);
    } catch (err) {
      return unavailable(reply, err);
    }
    o.metrics.accepted.inc({ activity: activityLabel(event.activityName) });
    return reply.code(202).send({ eventId: event.eventId });
  });

  app.post(ROUTE_BATCH, { schema: batchRouteSchema, bodyLimit: o.maxBatchBodyBytes, onRequest: authenticate }, async (req, reply) => {
    const raw = req.rawBody ?? Buffer.alloc(0);
    const ctx: BatchContext = { tenant: req.tenant, receivedAt: now(), clientIp: req.ip, ipHashKey: o.ipHashKey, checkTenant: o.auth !== null, maxItems: o.maxBatchItems, newId };
    let outcome: BatchOutcome;
    if (req.body === RAW_FOR_WORKER && o.batchWorkers) {
      try {
        outcome = await o.batchWorkers.run(raw, ctx);
      } catch (err) {
        return unavailable(reply, err);
      }
      o.metrics.batchBodies.inc({ where: 'worker' });
    } else if (req.body instanceof InvalidJsonError) {
      outcome = { kind: 'invalid-json', message: req.body.message };
    } else {
      outcome = processBatchBody(req.body, ctx, o.sink.encodeEvent);
      o.metrics.batchBodies.inc({ where: 'thread' });
    }
    if (outcome.kind === 'invalid-json') {
      return refuse(req, reply, { reasonCode: 'INVALID_JSON', reason: outcome.message, payload: raw, attributes: { batch: 'true' }, metricReason: 'format' });
    }
    if (outcome.kind === 'rejected') {
      const reason = formatValidationErrors(outcome.errors);
      if (outcome.tooMany) return sendError(reply, 413, 'TOO_MANY_ITEMS', reason, { errors: outcome.errors });
      return refuse(req, reply, { reasonCode: 'VALIDATION_FAILED', reason, payload: raw, attributes: { batch: 'true' }, metricReason: outcome.errors[0]?.rule ?? 'format', extra: { errors: outcome.errors } });
    }
    const { events, results, acceptedNames, rejectedReasons } = outcome;
    const deadLetters = outcome.deadLetters.map((d) => o.sink.encodeDeadLetter(deadLetterFor(req, d.reasonCode, d.reason, d.payload, d.attributes)));
    if (events.length > 0) {
      const rate = o.rateLimiter.check(req.tenant, countBy(outcome.devices, (d) => d), now());
      if (!rate.allowed) {
        o.metrics.rejected.inc({ reason: `rate_limited_${rate.scope}` }, events.length);
        return sendError(reply, 429, 'RATE_LIMITED', `rate limit of the ${rate.scope} exceeded`, { retryAfterSeconds: rate.retryAfterSeconds });
      }
    }
    try {
      await publish(events, deadLetters);
    } catch (err) {
      return unavailable(reply, err);
    }
    for (const [activity, n] of countBy(acceptedNames, activityLabel)) o.metrics.accepted.inc({ activity }, n);
    for (const [reason, n] of countBy(rejectedReasons, (r) => r)) o.metrics.rejected.inc({ reason }, n);
    const accepted = events.length;
    const rejected = results.length - accepted;
    const status = rejected === 0 ? 202 : accepted === 0 ? 400 : 207;
    return reply.code(status).send({ accepted, rejected, results });
  });

  registerOpsRoutes(app, o.metrics.telemetry, o.readiness);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
