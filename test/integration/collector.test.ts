/**
 * The collector against the real Kafka and registry: accepted → in uav.events.v1 and decodable; rejected → dlq.v1 with its
 * reason; with batch workers, the same.
 */
import { describe, it, expect, inject, beforeAll, afterAll } from 'vitest';
import { createKafkaBus } from '../../services/runtime/kafkajs-bus.ts';
import { AvroSerde } from '../../services/runtime/avro-serde.ts';
import { applyTopics } from '../../topics/apply-topics.ts';
import { topicSpecs, topicName } from '../../topics/catalog.ts';
import type { DeadLetter, UavEvent } from '../../avro/generated/index.ts';
import type { BusAdmin } from '../../services/runtime/message-bus.ts';
import type { Collector } from '../../services/collector/build.ts';
import { uniquePrefix, testEnv } from '../support/isolation.ts';
import { consumeUntil } from '../support/bus-helpers.ts';
import { startTestCollector } from '../support/collector-instance.ts';

const stack = inject('stack');
const prefix = uniquePrefix('coll');
const bus = createKafkaBus({ brokers: stack.kafkaBrokers.split(','), clientId: 'test-collector' });
const serde = new AvroSerde(stack.schemaRegistryUrl);
let admin: BusAdmin;
let collector: Collector;
let url = '';
let token = '';

beforeAll(async () => {
  admin = bus.admin();
  await admin.connect();
  await applyTopics(admin, topicSpecs(prefix));
  ({ collector, url, token } = await startTestCollector(testEnv(stack, prefix)));
});

afterAll(async () => {
  await collector?.stop();
  await admin.deleteTopics((await admin.listTopics()).filter((t) => t.startsWith(prefix)));
  await admin.disconnect();
});

const post = (path: string, body: unknown) =>
  fetch(`${url}/useractivityvault/v1/useractivity${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('collector → Kafka', () => {
  it('acknowledges only what is in uav.events.v1, keyed by appSessionId, decodable through the registry', async () => {
    const res = await post('/playbackStart', { accountId: 'acc', userId: '', deviceId: 'dev-9', key: '', appSessionId: 'app-sess-1', metadata: { contentType: 'vod-ed', editorialID: 'ed-1', playbackSessionId: 'pb-1' } });
    expect(res.status).toBe(202);
    const { eventId } = (await res.json()) as { eventId: string };
    const batch = await post('', { activities: [{ activityName: 'appStart', accountId: 'acc', userId: 'u', deviceId: 'dev-10', key: 'k' }, { activityName: 'appStart', accountId: 'acc' }] });
    expect(batch.status).toBe(207);
    const got = await consumeUntil(bus, topicName(prefix, 'uav.events.v1'), (all) => all.length >= 2);
    const decoded = await Promise.all(got.map(async (m) => ({ key: m.key?.toString(), value: await serde.decode<UavEvent>(m.value as Buffer) })));
    const start = decoded.find((d) => d.value.eventId === eventId);
    expect(start?.key).toBe('app-sess-1');
    expect(start?.value.metadata.editorialId).toBe('ed-1');
    expect(start?.value.tenant).toBe('acme');
    const other = decoded.find((d) => d.value.deviceId === 'dev-10');
    expect(other?.key).toBe('dev-10');
    expect(decoded).toHaveLength(2);
  });

  it('dead-letters a rejected request to dlq.v1 with the raw body and the reason', async () => {
    const raw = { accountId: 'acc', userId: '', deviceId: 'dev', key: '', metadata: { contentType: 'live-event', editorialId: 'e' } };
    const res = await post('/playbackStart', raw);
    expect(res.status).toBe(400);
    const got = await consumeUntil(bus, topicName(prefix, 'dlq.v1'), (all) => all.length >= 2);
    const letters = await Promise.all(got.map((m) => serde.decode<DeadLetter>(m.value as Buffer)));
    const letter = letters.find((l) => l.attributes['activityName'] === 'playbackStart');
    expect(letter?.source).toBe('collector');
    expect(letter?.reasonCode).toBe('VALIDATION_FAILED');
    expect(letter?.reason).toContain('metadata.technicalId');
    expect(JSON.parse(letter?.payload.toString() ?? '{}')).toEqual(raw);
    expect(letters.some((l) => l.attributes['batchIndex'] === '1')).toBe(true);
  });
});

const postBatch = (base: string, body: string) => fetch(`${base}/useractivityvault/v1/useractivity`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });

describe('collector with batch workers (COLLECTOR_BATCH_WORKERS=2) → Kafka: the same answers and records as without', () => {
  let withWorkers: Collector;
  let wurl = '';
  beforeAll(async () => {
    ({ collector: withWorkers, url: wurl } = await startTestCollector({ ...testEnv(stack, prefix), COLLECTOR_BATCH_WORKERS: '2' }));
  });
  afterAll(async () => {
    await withWorkers?.stop();
  });

  it('stores good items, dead-letters bad items and invalid JSON, answers per item', { timeout: 60_000 }, async () => {
    const batch = await postBatch(wurl, JSON.stringify({ activities: [{ activityName: 'appStart', accountId: 'acc', userId: 'u', deviceId: 'dev-w1', key: 'k', appSessionId: 'sess-w1' }, { activityName: 'appStart', accountId: 'acc' }] }));
    expect(batch.status).toBe(207);
    const answer = (await batch.json()) as { accepted: number; rejected: number; results: Array<{ index: number; status: number; eventId?: string }> };
    expect(answer.accepted).toBe(1);
    expect(answer.results.map((r) => r.status)).toEqual([202, 400]);
    const bad = await postBatch(wurl, '{"activities": [');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('INVALID_JSON');

    const metrics = await (await fetch(`${wurl}/metrics`)).text();
    expect(metrics).toMatch(/playpulse_collector_batch_processed_requests_total\{where="worker",service="collector"\} 2/);
    // Kafka sends carried the good item and both dead letters: 3 records, in one or two sends.
    expect(metrics).toMatch(/playpulse_collector_kafka_send_records_sum\{service="collector"\} 3\n/);
    expect(metrics).toMatch(/playpulse_collector_kafka_send_records_count\{service="collector"\} [12]\n/);

    const got = await consumeUntil(bus, topicName(prefix, 'uav.events.v1'), (all) => all.some((m) => m.key?.toString() === 'sess-w1'));
    const stored = got.find((m) => m.key?.toString() === 'sess-w1');
    const event = await serde.decode<UavEvent>(stored?.value as Buffer);
    expect(event.eventId).toBe(answer.results[0]!.eventId);
    expect(event.tenant).toBe('acme');
    const isOurs = (l: DeadLetter) => l.reasonCode === 'INVALID_JSON' && l.payload.toString() === '{"activities": [';
    const letters = await Promise.all((await consumeUntil(bus, topicName(prefix, 'dlq.v1'), (all) => all.some((m) => (m.value as Buffer).includes('{"activities": [')))).map((m) => serde.decode<DeadLetter>(m.value as Buffer)));
    expect(letters.some(isOurs)).toBe(true);
  });
});
