/**
 * A private Kafka broker is stopped in the middle of a load and started again. Every request that
 * got a 2xx must be in the topic (reconciled by eventId); the others got 503 with Retry-After.
 */
import { describe, it, expect, inject } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { stackPaths } from '../../deploy/local/paths.ts';
import { fetchKafka } from '../../deploy/local/fetch-artifacts.ts';
import { prepareKafka, kafkaProcess } from '../../deploy/local/kafka-node.ts';
import { createKafkaBus } from '../../services/runtime/kafkajs-bus.ts';
import { AvroSerde } from '../../services/runtime/avro-serde.ts';
import { applyTopics } from '../../topics/apply-topics.ts';
import { topicSpecs, topicName } from '../../topics/catalog.ts';
import type { UavEvent } from '../../avro/generated/index.ts';
import { uniquePrefix } from '../support/isolation.ts';
import { readTopic } from '../support/bus-helpers.ts';
import { startTestCollector } from '../support/collector-instance.ts';

const stack = inject('stack');
const PORT = 29092;

describe('collector during a Kafka outage', () => {
  it('never acknowledges what it loses: every 2xx eventId is in the topic, the rest got 503', { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'playpulse-outage-'));
    const node = { libs: await fetchKafka(stackPaths(), () => undefined), dir, port: PORT, controllerPort: PORT + 1, heapMb: 384 };
    const { configFile } = await prepareKafka(node);
    let broker = kafkaProcess(node, configFile);
    await broker.start();
    const prefix = uniquePrefix('outage');
    const brokers = `127.0.0.1:${PORT}`;
    const bus = createKafkaBus({ brokers: [brokers], clientId: 'test-outage' });
    const admin = bus.admin();
    await admin.connect();
    await applyTopics(admin, topicSpecs(prefix).filter((s) => s.name.endsWith('uav.events.v1') || s.name.endsWith('dlq.v1')));
    await admin.disconnect();
    const { collector, url, token } = await startTestCollector({ KAFKA_BROKERS: brokers, SCHEMA_REGISTRY_URL: stack.schemaRegistryUrl, REDIS_URL: stack.redisUrl, TOPIC_PREFIX: prefix, LOG_LEVEL: 'silent', COLLECTOR_ACK_TIMEOUT_MS: '1500' });

    const acked = new Set<string>();
    const statuses = new Map<number, number>();
    let retryAfterMissing = 0;
    let running = true;
    let sent = 0;
    const worker = async (w: number) => {
      while (running) {
        const eventId = randomUUID();
        sent++;
        try {
          const res = await fetch(`${url}/useractivityvault/v1/useractivity/playbackHeartbeat`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ accountId: 'a', userId: '', deviceId: `dev-${w}`, key: '', appSessionId: `as-${w}`, eventId, metadata: { eventId } }),
            signal: AbortSignal.timeout(10_000),
          });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 202) acked.add(((await res.json()) as { eventId: string }).eventId);
          else if (res.status === 503 && !res.headers.get('retry-after')) retryAfterMissing++;
          else await res.arrayBuffer();
        } catch {
          statuses.set(0, (statuses.get(0) ?? 0) + 1);
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      await wait(1500);
      const beforeOutage = acked.size;
      await broker.stop();
      await wait(4000);
      broker = kafkaProcess(node, configFile);
      await broker.start();
      const afterRestart = acked.size;
      await wait(6000);
      running = false;
      await load;
      expect(beforeOutage).toBeGreaterThan(0);
      expect(acked.size).toBeGreaterThan(afterRestart); // recovered after the broker came back
      expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
      expect(retryAfterMissing).toBe(0);
      expect([...statuses.keys()].filter((s) => s !== 202 && s !== 503)).toEqual([]);

      const consumerBus = createKafkaBus({ brokers: [brokers], clientId: 'test-outage-reader' });
      const inTopic = new Set<string>();
      const serde = new AvroSerde(stack.schemaRegistryUrl);
      // Some 503'd requests landed too (at least once), so a count is no stop condition: read until the topic is quiet.
      const msgs = await readTopic(consumerBus, topicName(prefix, 'uav.events.v1'), (all) => all.length >= acked.size, { quietMs: 3000, timeoutMs: 90_000 });
      for (const m of msgs) inTopic.add((await serde.decode<UavEvent>(m.value as Buffer)).eventId);
      const lost = [...acked].filter((id) => !inTopic.has(id));
      console.log(`outage test: sent ${sent}, statuses ${JSON.stringify(Object.fromEntries(statuses))}, acked ${acked.size}, in topic ${inTopic.size}, lost ${lost.length}`);
      expect(lost).toEqual([]);
    } finally {
      running = false;
      await collector.stop();
      await broker.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
