/**
 * Worker threads that answer requests by id: the collector's batch workers and the tailer's parse
 * workers. A request goes to one slot's worker and resolves with its unpacked reply. A worker that
 * stops (error or exit) fails its pending requests, and any later request to its slot, with a
 * retriable error; a new worker takes its place in `slots` unless the pool is closing.
 */
import type { Transferable, Worker } from 'node:worker_threads';
import { UnavailableError } from './errors.ts';
import type { Logger } from './logger.ts';
import { startWorkerThread } from './worker-thread.ts';

export interface WorkerSlot {
  readonly worker: Worker;
  /** Set once the worker stopped: the error its requests fail with. */
  dead: Error | null;
}

interface Slot<Result> extends WorkerSlot {
  readonly pending: Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void }>;
}

export interface WorkerSlotsOptions<Reply, Result> {
  module: URL;
  workerData: unknown;
  count: number;
  /** Code of the retriable error of a request whose worker stopped, e.g. BATCH_WORKER_FAILED. */
  errorCode: string;
  /** What a worker is, in messages: 'batch worker'. */
  name: string;
  /** The reply as a result, or the error the worker reported. */
  unpack: (reply: Reply) => Result | Error;
  logger?: Logger | undefined;
}

export class WorkerSlots<Request, Reply extends { id: number }, Result> {
  readonly slots: Array<Slot<Result>> = [];
  private seq = 0;
  private closing = false;

  constructor(private readonly o: WorkerSlotsOptions<Reply, Result>) {
    for (let i = 0; i < o.count; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot<Result> {
    const slot: Slot<Result> = { worker: startWorkerThread(this.o.module, this.o.workerData), dead: null, pending: new Map() };
    slot.worker.on('message', (reply: Reply) => {
      const p = slot.pending.get(reply.id);
      slot.pending.delete(reply.id);
      const r = this.o.unpack(reply);
      if (r instanceof Error) p?.reject(r);
      else p?.resolve(r);
    });
    const fail = (why: string) => {
      if (slot.dead) return;
      slot.dead = new UnavailableError(this.o.errorCode, `${this.o.name} stopped: ${why}`);
      for (const p of slot.pending.values()) p.reject(slot.dead);
      slot.pending.clear();
      if (this.closing) return;
      this.o.logger?.error({ why }, `${this.o.name} stopped; starting another`);
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots[i] = this.spawn();
    };
    slot.worker.on('error', (err) => fail(err.message));
    slot.worker.on('exit', (code) => fail(`exit code ${code}`));
    return slot;
  }

  /** Posts the message made for a new request id to the slot's worker; resolves with its reply. */
  request(slot: WorkerSlot, message: (id: number) => { message: Request; transfer?: Transferable[] }): Promise<Result> {
    if (slot.dead) return Promise.reject(slot.dead);
    if (this.closing) return Promise.reject(new UnavailableError(this.o.errorCode, `${this.o.name}s are shutting down`));
    const id = ++this.seq;
    const m = message(id);
    return new Promise<Result>((resolve, reject) => {
      (slot as Slot<Result>).pending.set(id, { resolve, reject });
      slot.worker.postMessage(m.message, m.transfer);
    });
  }

  /** Posts a message that gets no reply; nothing once the worker stopped. */
  post(slot: WorkerSlot, message: Request): void {
    if (!slot.dead) slot.worker.postMessage(message);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
