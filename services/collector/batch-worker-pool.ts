/**
 * Batch workers (COLLECTOR_BATCH_WORKERS): worker threads that parse, validate, enrich and encode
 * batch bodies, so batch load uses more than the request thread's one core. Jobs go round-robin; a
 * worker that dies fails its jobs with a retriable error (the requests get 503) and is replaced.
 */
import type { Logger } from '../runtime/logger.ts';
import { siblingModule } from '../runtime/worker-thread.ts';
import { WorkerSlots } from '../runtime/worker-slots.ts';
import type { BatchRunner } from './app.ts';
import type { BatchContext, BatchOutcome } from './process-batch-body.ts';
import { unpackReply, type BatchJob, type BatchReply, type BatchWorkerInit } from './batch-worker-protocol.ts';

export class BatchWorkerPool implements BatchRunner {
  /** The worker threads (a test stops one to see its jobs fail and the worker replaced). */
  readonly threads: WorkerSlots<BatchJob, BatchReply, BatchOutcome>;
  private next = 0;

  constructor(count: number, init: BatchWorkerInit, logger?: Logger) {
    this.threads = new WorkerSlots({ module: siblingModule(import.meta.url, 'batch-worker'), workerData: init, count, errorCode: 'BATCH_WORKER_FAILED', name: 'batch worker', unpack: unpackReply, logger });
  }

  run(raw: Buffer, ctx: BatchContext): Promise<BatchOutcome> {
    const slots = this.threads.slots;
    const slot = slots[this.next++ % slots.length] as (typeof slots)[number];
    const { newId: _newId, ...plain } = ctx;
    return this.threads.request(slot, (id) => {
      const body = new Uint8Array(raw.length);
      body.set(raw);
      return { message: { id, body, ctx: plain }, transfer: [body.buffer] };
    });
  }

  close(): Promise<void> {
    return this.threads.close();
  }
}
