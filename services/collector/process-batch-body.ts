/**
 * The batch route's work between the parsed body and Kafka, with no I/O: the body checked
 * (batch-body.ts), each good item enriched and encoded, each bad one turned into a dead-letter draft
 * and a per-item result. It runs on the request's thread, or in a batch worker (batch-worker.ts,
 * COLLECTOR_BATCH_WORKERS); both give the same outcome for the same body.
 */
import type { UavEvent } from '../../avro/generated/index.ts';
import type { OutgoingMessage } from '../runtime/message-bus.ts';
import { parseBatchBody } from './batch-body.ts';
import { enrichActivity } from './enrich-activity.ts';
import { isTenantMismatch } from './tenant-check.ts';
import { formatValidationErrors, type ValidationError } from './validation-error.ts';

export interface BatchContext {
  tenant: string;
  receivedAt: number;
  clientIp: string | null;
  ipHashKey: string;
  /** Refuse items whose appName is another tenant (auth on). */
  checkTenant: boolean;
  maxItems: number;
  newId: () => string;
}

/** A dead letter before the request's tenant and time are added (dead-letter.ts). */
export interface DeadLetterDraft {
  reasonCode: string;
  reason: string;
  payload: Buffer;
  attributes: Record<string, string>;
}

export interface ItemResult {
  index: number;
  status: number;
  eventId?: string;
  errors?: ValidationError[];
}

export type BatchOutcome =
  | { kind: 'invalid-json'; message: string }
  /** The body as a whole is refused; tooMany → 413, else 400 with the raw body dead-lettered. */
  | { kind: 'rejected'; errors: ValidationError[]; tooMany: boolean }
  | {
      kind: 'items';
      events: OutgoingMessage[];
      deadLetters: DeadLetterDraft[];
      results: ItemResult[];
      acceptedNames: string[];
      /** deviceId of each accepted event, for the rate limiter. */
      devices: string[];
      rejectedReasons: string[];
    };

export function processBatchBody(body: unknown, ctx: BatchContext, encodeEvent: (e: UavEvent) => OutgoingMessage): BatchOutcome {
  const parsed = parseBatchBody(body, { maxItems: ctx.maxItems });
  if (!parsed.ok) return { kind: 'rejected', errors: parsed.errors, tooMany: parsed.errors.some((e) => e.rule === 'maxItems') };
  const items = (body as { activities: unknown[] }).activities;
  const results: ItemResult[] = new Array<ItemResult>(parsed.items.length);
  const events: OutgoingMessage[] = [];
  const deadLetters: DeadLetterDraft[] = [];
  const acceptedNames: string[] = [];
  const devices: string[] = [];
  const rejectedReasons: string[] = [];
  for (const item of parsed.items) {
    if (!item.ok) {
      const first = item.errors[0];
      deadLetters.push({
        reasonCode: 'VALIDATION_FAILED',
        reason: formatValidationErrors(item.errors),
        payload: Buffer.from(JSON.stringify(items[item.index])),
        attributes: { activityName: item.activityName ?? '', field: first?.field ?? '$', rule: first?.rule ?? 'format', batchIndex: String(item.index) },
      });
      results[item.index] = { index: item.index, status: 400, errors: item.errors };
      rejectedReasons.push(first?.rule ?? 'format');
      continue;
    }
    if (ctx.checkTenant && isTenantMismatch(item.activity, ctx.tenant)) {
      results[item.index] = { index: item.index, status: 403, errors: [{ field: 'appName', rule: 'enum', message: `appName ${item.activity.appName} is not the token's tenant` }] };
      rejectedReasons.push('tenant_mismatch');
      continue;
    }
    const event = enrichActivity(item.activity, { tenant: ctx.tenant, receivedAt: ctx.receivedAt, clientIp: ctx.clientIp, ipHashKey: ctx.ipHashKey, newId: ctx.newId });
    try {
      events.push(encodeEvent(event));
    } catch (err) {
      const message = (err as Error).message;
      deadLetters.push({ reasonCode: 'AVRO_INVALID', reason: message, payload: Buffer.from(JSON.stringify(items[item.index])), attributes: { activityName: event.activityName, batchIndex: String(item.index) } });
      results[item.index] = { index: item.index, status: 400, errors: [{ field: '$', rule: 'type', message }] };
      rejectedReasons.push('schema');
      continue;
    }
    acceptedNames.push(event.activityName);
    devices.push(event.deviceId);
    results[item.index] = { index: item.index, status: 202, eventId: event.eventId };
  }
  return { kind: 'items', events, deadLetters, results, acceptedNames, devices, rejectedReasons };
}
