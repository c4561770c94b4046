/**
 * What the collector's batch route costs per event on one core, stage by stage, in this process with
 * no HTTP and no Kafka: the body parsed (Buffer → string → JSON.parse, what a bare route does too),
 * then checked, enriched and Avro-encoded (processBatchBody), then framed as Kafka record batches
 * (encodeRecordBatch, CRC included). Medians of `reps` passes over the same bodies, after a warm-up.
 * bench:collector prints these next to its batch bound: the last two stages are work the collector
 * must do beyond the bare route, whatever it is built with.
 */
import avro from 'avsc';
import { randomUUID } from 'node:crypto';
import type { UavEvent } from '../avro/generated/index.ts';
import { loadSchema } from '../avro/subjects.ts';
import { framedEncoder } from '../services/runtime/avro-serde.ts';
import { encodeRecordBatch } from '../services/runtime/kafkajs-produce-request.ts';
import { partitionForKey } from '../services/runtime/murmur2-partition.ts';
import type { OutgoingMessage } from '../services/runtime/message-bus.ts';
import { processBatchBody, type BatchContext } from '../services/collector/process-batch-body.ts';
import { uavRecordKey } from '../services/collector/enrich-activity.ts';
import { median } from './bench-support.ts';

export interface StageCosts {
  /** µs per event of each stage. */
  parse: number;
  validateEncode: number;
  frame: number;
  events: number;
}

const PARTITIONS = 6;

export function measureStages(bodies: readonly string[], reps = 7): StageCosts {
  const encoder = framedEncoder<UavEvent>(avro.Type.forSchema(loadSchema('uav.events.v1') as avro.Schema), 1, 'uav.events.v1-value');
  const encodeEvent = (e: UavEvent): OutgoingMessage => ({ key: uavRecordKey(e), value: encoder.encode(e) });
  const raw = bodies.map((b) => Buffer.from(b, 'utf8'));
  const ctx: BatchContext = { tenant: 'demo', receivedAt: Date.now(), clientIp: '203.0.113.7', ipHashKey: 'bench-key', checkTenant: true, maxItems: 1000, newId: randomUUID };
  const times = { parse: [] as number[], validateEncode: [] as number[], frame: [] as number[] };
  let events = 0;
  for (let r = 0; r < reps + 1; r++) {
    let parse = 0;
    let validateEncode = 0;
    let frame = 0;
    let n = 0;
    for (const body of raw) {
      let t = process.hrtime.bigint();
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      parse += Number(process.hrtime.bigint() - t);
      t = process.hrtime.bigint();
      const outcome = processBatchBody(parsed, ctx, encodeEvent);
      validateEncode += Number(process.hrtime.bigint() - t);
      if (outcome.kind !== 'items') throw new Error(`bench body refused: ${outcome.kind}`);
      n += outcome.events.length;
      t = process.hrtime.bigint();
      const byPartition: Array<Array<{ key: string | Buffer | null; value: Buffer | null }>> = Array.from({ length: PARTITIONS }, () => []);
      for (const m of outcome.events) byPartition[partitionForKey(m.key ?? '', PARTITIONS)]?.push({ key: m.key ?? null, value: m.value ?? null });
      for (let p = 0; p < PARTITIONS; p++) encodeRecordBatch({ partition: p, firstSequence: 0, messages: byPartition[p] ?? [] }, { producerId: 1, producerEpoch: 0, transactional: false, now: Date.now() });
      frame += Number(process.hrtime.bigint() - t);
    }
    if (r === 0) continue; // warm-up
    events = n;
    times.parse.push(parse / 1000 / n);
    times.validateEncode.push(validateEncode / 1000 / n);
    times.frame.push(frame / 1000 / n);
  }
  return { parse: median(times.parse), validateEncode: median(times.validateEncode), frame: median(times.frame), events };
}
