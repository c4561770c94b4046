/**
 * Parse workers (TAILER_PARSE_WORKERS): worker threads that parse and Avro-encode log lines, so the
 * tailer uses more than one core: the file job's thread reads, builds transactions and talks to
 * Kafka while a worker parses its next lines. Each file is opened on the worker with the fewest open
 * files and stays there (its parser state lives there). A worker that dies fails its files' pending
 * batches with a retriable error (the engine recovers from the committed checkpoints) and is replaced.
 */
import type { Logger } from '../../runtime/logger.ts';
import { siblingModule } from '../../runtime/worker-thread.ts';
import { WorkerSlots, type WorkerSlot } from '../../runtime/worker-slots.ts';
import type { LineOutcome } from './line-outcome.ts';
import type { LineParser, OpenLineParser } from './line-parser.ts';
import { unpackOutcomes, type ParseReply, type ParseRequest, type ParseWorkerInit } from './parse-worker-protocol.ts';

export class ParseWorkerPool {
  /** The worker threads (a test stops one to see its files' batches fail and the worker replaced). */
  readonly threads: WorkerSlots<ParseRequest, ParseReply, LineOutcome[]>;
  private readonly files = new Map<WorkerSlot, number>();
  private sessions = 0;

  constructor(count: number, init: ParseWorkerInit, logger?: Logger) {
    this.threads = new WorkerSlots({
      module: siblingModule(import.meta.url, 'parse-worker'),
      workerData: init,
      count,
      errorCode: 'PARSE_WORKER_FAILED',
      name: 'parse worker',
      unpack: (reply) => ('error' in reply ? new Error(reply.error) : unpackOutcomes(reply)),
      logger,
    });
  }

  /** Files open on each worker, in slot order. */
  openFiles(): number[] {
    return this.threads.slots.map((s) => this.files.get(s) ?? 0);
  }

  readonly open: OpenLineParser = (format, opts) => {
    const threads = this.threads;
    const count = (s: WorkerSlot) => this.files.get(s) ?? 0;
    const slot = threads.slots.reduce((a, b) => (count(b) < count(a) ? b : a));
    const session = ++this.sessions;
    this.files.set(slot, count(slot) + 1);
    threads.post(slot, { op: 'open', session, format, opts });
    let open = true;
    const parser: LineParser = {
      where: 'worker',
      parse: (texts, firstLineNo) => threads.request(slot, (id) => ({ message: { op: 'parse', session, id, texts, firstLineNo } })),
      close: () => {
        if (!open) return;
        open = false;
        if (count(slot) <= 1) this.files.delete(slot);
        else this.files.set(slot, count(slot) - 1);
        threads.post(slot, { op: 'close', session });
      },
    };
    return parser;
  };

  close(): Promise<void> {
    return this.threads.close();
  }
}
