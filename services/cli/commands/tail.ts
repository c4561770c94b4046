/** `playpulse tail TOPIC [--from-beginning] [--max N]`: decoded records as JSON lines. */
import { randomUUID } from 'node:crypto';
import { loadConfig, commonConfig } from '../../runtime/config.ts';
import { createKafkaBus } from '../../runtime/kafkajs-bus.ts';
import { AvroSerde } from '../../runtime/avro-serde.ts';
import { topicName } from '../../../topics/catalog.ts';

export async function tailCommand(env: NodeJS.ProcessEnv, topic: string, opts: { fromBeginning: boolean; max?: number }, print: (s: string) => void): Promise<void> {
  const config = loadConfig(commonConfig, env);
  const bus = createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: 'playpulse-tail' });
  const serde = new AvroSerde(config.SCHEMA_REGISTRY_URL);
  const consumer = bus.consumer({ groupId: `playpulse-tail-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe([topicName(config.TOPIC_PREFIX, topic)], { fromBeginning: opts.fromBeginning });
  let seen = 0;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((r) => (resolveDone = r));
  const stop = () => resolveDone();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await consumer.run({
    eachBatch: async (batch) => {
      for (const m of batch.messages) {
        if (opts.max !== undefined && seen >= opts.max) return;
        const value = m.value ? await serde.decode(m.value).catch((e: Error) => ({ undecodable: e.message })) : null;
        print(JSON.stringify({ topic: m.topic, partition: m.partition, offset: m.offset, key: m.key?.toString() ?? null, value }, jsonReplacer));
        seen += 1;
        if (opts.max !== undefined && seen >= opts.max) stop();
      }
    },
  });
  await done;
  await consumer.disconnect();
}

/** Buffers (Avro bytes) print as UTF-8 text, bigints as strings. */
function jsonReplacer(_key: string, v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  const b = v as { type?: unknown; data?: unknown } | null;
  if (b && b.type === 'Buffer' && Array.isArray(b.data)) return Buffer.from(b.data as number[]).toString('utf8');
  return v;
}
