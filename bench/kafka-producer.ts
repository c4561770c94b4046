/**
 * npm run bench:producer — raw Kafka producer throughput through Playpulse's MessageBus (kafkajs with
 * the patches in services/runtime/kafkajs-patches.ts): pre-built 300-byte values in batches of
 * BENCH_PRODUCER_BATCH, acks=all, (1) one idempotent producer, (2) transactions alternating between
 * two transactional producers as a tailer lane does. Prints msg/s, median of BENCH_RUNS runs.
 */
import { startStack } from '../deploy/local/stack.ts';
import { createKafkaBus } from '../services/runtime/kafkajs-bus.ts';
import { median, table } from './bench-support.ts';

const MESSAGES = Number(process.env['BENCH_PRODUCER_MESSAGES'] ?? 300_000);
const BATCH = Number(process.env['BENCH_PRODUCER_BATCH'] ?? 5000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);

const stack = await startStack({ log: (m) => console.error(`[stack] ${m}`) });
const bus = createKafkaBus({ brokers: stack.kafkaBrokers.split(','), clientId: 'bench-producer' });
const admin = bus.admin();
await admin.connect();
const topic = `bench-producer-${Date.now().toString(36)}`;
await admin.createTopics([{ name: topic, partitions: 6, replicationFactor: 1, configs: { 'max.message.bytes': String(8 * 1024 * 1024) } }]);
const messages = Array.from({ length: BATCH }, (_, i) => ({ key: Buffer.from(`key-${i % 977}`), value: Buffer.alloc(300, i % 251) }));
const batch = [{ topic, messages }];

async function rate(send: () => Promise<void>): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      await send(); // warm-up: metadata, connections (a new topic's leaders may take a moment)
      break;
    } catch (err) {
      if (attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const t0 = performance.now();
  for (let n = 0; n < MESSAGES; n += BATCH) await send();
  return MESSAGES / ((performance.now() - t0) / 1000);
}

const idempotent: number[] = [];
const transactional: number[] = [];
try {
  const p = bus.producer({ idempotent: true });
  await p.connect();
  const txs = [0, 1].map((i) => bus.transactionalProducer({ transactionalId: `${topic}-${i}` }));
  for (const t of txs) await t.connect();
  let k = 0;
  for (let r = 0; r < RUNS; r++) {
    idempotent.push(await rate(() => p.send(batch)));
    transactional.push(await rate(() => (txs[k++ % 2] as (typeof txs)[number]).sendAtomically(batch)));
  }
  await p.disconnect();
  for (const t of txs) await t.disconnect();
} finally {
  await admin.deleteTopics([topic]).catch(() => undefined);
  await admin.disconnect();
  await stack.stop();
}
console.log(`\nbench:producer — ${MESSAGES} × 300 B values in batches of ${BATCH}, acks=all, median of ${RUNS} runs\n`);
console.log(
  table([
    { producer: 'idempotent, one', 'msg/s': Math.round(median(idempotent)) },
    { producer: 'transactional, two alternating', 'msg/s': Math.round(median(transactional)) },
  ]),
);
process.exit(0);
