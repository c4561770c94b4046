/**
 * Batch workers (COLLECTOR_BATCH_WORKERS): worker threads that parse, validate, enrich and encode
 * batch bodies, so batch load uses more than the request thread's one core. Jobs go round-robin; a
 * worker that dies fails its jobs with a retriable error (the requests get 503) and is replaced.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../runtime/logger.ts';
import { UnavailableError } from '../runtime/errors.ts';
import type { BatchRunner } from './app.ts';
import type { BatchContext, BatchOutcome } from './process-batch-body.ts';
import { unpackReply, type BatchReply, type BatchWorkerInit } from './batch-worker-protocol.ts';

/** The compiled build runs batch-worker.js; the sources need tsx registered in the thread first. */
function workerEntry(): URL {
  return import.meta.url.endsWith('.js') ? new URL('./batch-worker.js', import.meta.url) : new URL('./batch-worker-entry.mjs', import.meta.url);
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (o: BatchOutcome) => void; reject: (e: Error) => void }>;
}

export class BatchWorkerPool implements BatchRunner {
  private readonly slots: Slot[] = [];
  private next = 0;
  private seq = 0;
  private closing = false;

  constructor(
    count: number,
    private readonly init: BatchWorkerInit,
    private readonly logger?: Logger,
  ) {
    for (let i = 0; i < count; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(workerEntry(), { workerData: this.init }), pending: new Map() };
    slot.worker.on('message', (reply: BatchReply) => {
      const p = slot.pending.get(reply.id);
      slot.pending.delete(reply.id);
      p?.resolve(unpackReply(reply));
    });
    const fail = (why: string) => {
      const err = new UnavailableError('BATCH_WORKER_FAILED', `batch worker stopped: ${why}`);
      for (const p of slot.pending.values()) p.reject(err);
      slot.pending.clear();
      if (this.closing) return;
      this.logger?.error({ why }, 'batch worker stopped; starting another');
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.spawn();
    };
    slot.worker.on('error', (err) => fail(err.message));
    slot.worker.on('exit', (code) => {
      if (slot.pending.size > 0 || !this.closing) fail(`exit code ${code}`);
    });
    return slot;
  }

  run(raw: Buffer, ctx: BatchContext): Promise<BatchOutcome> {
    if (this.closing) return Promise.reject(new UnavailableError('BATCH_WORKER_FAILED', 'batch workers are shutting down'));
    const slot = this.slots[this.next++ % this.slots.length] as Slot;
    const id = ++this.seq;
    const body = new Uint8Array(raw.length);
    body.set(raw);
    const { newId: _newId, ...plain } = ctx;
    return new Promise<BatchOutcome>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, body, ctx: plain }, [body.buffer]);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
