/**
 * A batch worker thread (COLLECTOR_BATCH_WORKERS): parses, validates, enriches and Avro-encodes
 * batch bodies with processBatchBody, the function the request's thread runs without workers. The
 * body arrives as transferred bytes; the encoded records go back packed into one transferred buffer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import avro from 'avsc';
import type { UavEvent } from '../../avro/generated/index.ts';
import { loadSchema } from '../../avro/subjects.ts';
import { framedEncoder } from '../runtime/avro-serde.ts';
import { processBatchBody, type BatchContext } from './process-batch-body.ts';
import { uavRecordKey } from './enrich-activity.ts';
import { packOutcome, type BatchWorkerInit, type BatchJob } from './batch-worker-protocol.ts';

// V8 flags are process-wide: HEAP_GROWING_PERCENT, set by the main thread (runService), covers this thread too.
const init = workerData as BatchWorkerInit;
const encoder = framedEncoder<UavEvent>(avro.Type.forSchema(loadSchema('uav.events.v1') as avro.Schema), init.schemaId, init.subject);
const encodeEvent = (e: UavEvent) => ({ key: uavRecordKey(e), value: encoder.encode(e) });

parentPort?.on('message', (job: BatchJob) => {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(job.body.buffer, job.body.byteOffset, job.body.length).toString('utf8'));
  } catch (err) {
    parentPort?.postMessage({ id: job.id, outcome: { kind: 'invalid-json', message: `body is not valid JSON: ${(err as Error).message}` } });
    return;
  }
  const ctx: BatchContext = { ...job.ctx, newId: randomUUID };
  const { message, transfer } = packOutcome(job.id, processBatchBody(body, ctx, encodeEvent));
  parentPort?.postMessage(message, transfer);
});
