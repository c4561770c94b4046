/** Helpers for the tailer's integration tests: an isolated prefix with topics and schemas, temp dirs, reading topics back decoded. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKafkaBus } from '../../services/runtime/kafkajs-bus.ts';
import { AvroSerde } from '../../services/runtime/avro-serde.ts';
import type { IncomingMessage, MessageBus, BusAdmin } from '../../services/runtime/message-bus.ts';
import { applyTopics } from '../../topics/apply-topics.ts';
import { topicName, topicSpecs } from '../../topics/catalog.ts';
import { applySchemas } from '../../avro/subjects.ts';
import { loadConfig } from '../../services/runtime/config.ts';
import { tailerConfig, type TailerConfig } from '../../services/tailer/config.ts';
import { uniquePrefix, testEnv } from './isolation.ts';

export { readTopic } from './bus-helpers.ts';

export type Stack = { kafkaBrokers: string; schemaRegistryUrl: string; redisUrl: string };

export interface TailerTestRun {
  prefix: string;
  bus: MessageBus;
  serde: AvroSerde;
  dir: string;
  env: Record<string, string>;
  topic(name: string): string;
  config(extra?: Record<string, string>): TailerConfig;
  cleanup(): Promise<void>;
}

export async function tailerTestRun(stack: Stack, label: string): Promise<TailerTestRun> {
  const prefix = uniquePrefix(label);
  const bus = createKafkaBus({ brokers: stack.kafkaBrokers.split(','), clientId: `test-${label}` });
  const admin: BusAdmin = bus.admin();
  await admin.connect();
  await applyTopics(admin, topicSpecs(prefix));
  const serde = new AvroSerde(stack.schemaRegistryUrl);
  await applySchemas(serde, prefix);
  const dir = mkdtempSync(join(tmpdir(), `playpulse-${label}-`));
  const env = { ...testEnv(stack, prefix), TAILER_PORT: '0', TAILER_INSTANCE_ID: `${prefix}tailer`, TAILER_POLL_INTERVAL_MS: '100', TAILER_SETTLE_MS: '0' };
  return {
    prefix,
    bus,
    serde,
    dir,
    env,
    topic: (name) => topicName(prefix, name),
    config: (extra = {}) => loadConfig(tailerConfig, { ...env, ...extra }),
    async cleanup() {
      const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      if (mine.length) await admin.deleteTopics(mine).catch(() => undefined);
      await admin.disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Reads a topic (read_committed) until `enough` holds, then keeps reading until nothing new has
 * arrived for `quietMs` (so duplicates that would follow are seen too), or the deadline passes.
 */
export async function decodeAll<T>(serde: AvroSerde, messages: IncomingMessage[]): Promise<T[]> {
  const out: T[] = [];
  for (const m of messages) if (m.value) out.push(await serde.decode<T>(m.value));
  return out;
}

/** Polls a condition (e.g. a metric) until it holds. */
export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs = 60_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
