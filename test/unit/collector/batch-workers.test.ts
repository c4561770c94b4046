/**
 * Batch workers give the outcome the request's thread gives for the same body (processBatchBody on
 * both sides), for good and bad items, whole-body errors and invalid JSON; a worker that dies fails
 * its jobs with a retriable error and is replaced. Real worker threads (the sources through tsx).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import avro from 'avsc';
import type { UavEvent } from '../../../avro/generated/index.ts';
import { loadSchema } from '../../../avro/subjects.ts';
import { framedEncoder } from '../../../services/runtime/avro-serde.ts';
import { BatchWorkerPool } from '../../../services/collector/batch-worker-pool.ts';
import { processBatchBody, type BatchContext, type BatchOutcome } from '../../../services/collector/process-batch-body.ts';
import { uavRecordKey } from '../../../services/collector/enrich-activity.ts';

const SCHEMA_ID = 7;
const SUBJECT = 'uav.events.v1-value';
const encoder = framedEncoder<UavEvent>(avro.Type.forSchema(loadSchema('uav.events.v1') as avro.Schema), SCHEMA_ID, SUBJECT);
const encodeEvent = (e: UavEvent) => ({ key: uavRecordKey(e), value: encoder.encode(e) });
const ctx: BatchContext = { tenant: 'acme', receivedAt: Date.parse('2026-11-22T06:00:00Z'), clientIp: '203.0.113.9', ipHashKey: 'ip-key', checkTenant: true, maxItems: 5, newId: () => 'generated-id' };

const good = (i: number, extra: Record<string, unknown> = {}) => ({ activityName: 'appStart', eventId: `ev-${i}`, accountId: 'acc', userId: '', deviceId: `dev-${i % 2}`, key: '', appSessionId: `s-${i}`, ...extra });

/** Bodies as raw bytes, each with what the request's thread makes of it. */
const cases: Array<[string, string]> = [
  ['all good', JSON.stringify({ activities: [good(1), good(2), good(3, { activityName: 'myCustomThing', colour: 'blue' })] })],
  ['good and bad items', JSON.stringify({ activities: [good(1), { activityName: 'appStart', accountId: 'acc' }, good(2, { appName: 'other-tenant' }), good(3, { metadata: { contentType: 'live-event', editorialId: 'e' } })] })],
  ['not an object', JSON.stringify([1, 2])],
  ['no activities', JSON.stringify({ items: [] })],
  ['too many items', JSON.stringify({ activities: [good(1), good(2), good(3), good(4), good(5), good(6)] })],
  ['non-ASCII values', JSON.stringify({ activities: [good(1, { accountId: 'café ☕', metadata: { title: 'Fête 😀' } })] })],
];

function inThread(raw: string): BatchOutcome {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (err) {
    return { kind: 'invalid-json', message: `body is not valid JSON: ${(err as Error).message}` };
  }
  return processBatchBody(body, ctx, encodeEvent);
}

describe('batch workers', () => {
  let pool: BatchWorkerPool;
  beforeAll(() => {
    pool = new BatchWorkerPool(2, { schemaId: SCHEMA_ID, subject: SUBJECT });
  });
  afterAll(async () => {
    await pool.close();
  });

  for (const [name, raw] of cases) {
    it(`gives the request thread's outcome: ${name}`, { timeout: 30_000 }, async () => {
      const want = inThread(raw);
      const got = await pool.run(Buffer.from(raw), ctx);
      expect(got).toEqual(want);
    });
  }

  it('answers invalid JSON as the content-type parser does', { timeout: 30_000 }, async () => {
    const got = await pool.run(Buffer.from('{"activities": [nope'), ctx);
    expect(got.kind).toBe('invalid-json');
    expect(got.kind === 'invalid-json' && got.message).toMatch(/^body is not valid JSON: /);
  });

  it('hands back encoded records the Avro schema decodes, with keys', { timeout: 30_000 }, async () => {
    const got = await pool.run(Buffer.from(cases[0]![1]), ctx);
    if (got.kind !== 'items') throw new Error(`expected items, got ${got.kind}`);
    const type = avro.Type.forSchema(loadSchema('uav.events.v1') as avro.Schema);
    const decoded = got.events.map((m) => type.fromBuffer((m.value as Buffer).subarray(5)) as UavEvent);
    expect(decoded.map((e) => e.eventId)).toEqual(['ev-1', 'ev-2', 'ev-3']);
    expect(got.events.map((m) => m.key)).toEqual(['s-1', 's-2', 's-3']);
    expect(decoded[0]!.tenant).toBe('acme');
    expect((got.events[0]!.value as Buffer).readInt32BE(1)).toBe(SCHEMA_ID);
  });

  it('fails the jobs of a worker that dies with a retriable error, and replaces it', { timeout: 30_000 }, async () => {
    const slots = pool.threads.slots;
    const dying = slots[0]!.worker;
    (pool as unknown as { next: number }).next = 0;
    // A body big enough (1000 items, tens of ms of work) that the worker is still on it when it is stopped.
    const big = JSON.stringify({ activities: Array.from({ length: 1000 }, (_, i) => good(i)) });
    const job = pool.run(Buffer.from(big), { ...ctx, maxItems: 1000 });
    await dying.terminate();
    await expect(job).rejects.toMatchObject({ code: 'BATCH_WORKER_FAILED', retriable: true });
    expect(slots[0]!.worker).not.toBe(dying);
    for (let i = 0; i < 2; i++) expect((await pool.run(Buffer.from(cases[0]![1]), ctx)).kind).toBe('items');
  });
});
