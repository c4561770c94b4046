/**
 * A file's lines parsed on two sides at once: a batch goes to the file's parse worker while the
 * worker has fewer than `workerDepth` batches outstanding, else it is parsed on the file job's thread,
 * which would otherwise wait for the worker. Either side only parses some of the batches, so each is
 * also fed the state lines (state-lines.ts) of the batches the other side parsed, in file order,
 * before its next batch: both stay in the state a single parser would be in, and the outcomes are the
 * ones a single parser gives (test/unit/tailer/parse-workers.test.ts).
 */
import type { LineOutcome } from './line-outcome.ts';
import type { LineParser, OpenLineParser } from './line-parser.ts';
import { STATEFUL_FORMATS, stateLineFilter } from './state-lines.ts';

/**
 * Batches a file's worker may hold before the next one is parsed on the job's thread. A file job hands
 * out one more than this before it takes outcomes (file-job.ts), so the job's thread gets one to parse.
 */
export const WORKER_DEPTH = 2;

export interface SharedParsingOptions {
  /** Batches the worker may hold before the next one is parsed on this thread (default WORKER_DEPTH). */
  workerDepth?: number;
}

export function shareParsing(worker: LineParser, inline: LineParser, stateful: boolean, opts: SharedParsingOptions = {}): LineParser {
  const workerDepth = opts.workerDepth ?? WORKER_DEPTH;
  const isStateLine = stateLineFilter();
  let outstanding = 0;
  /** State lines of batches parsed here since the worker's last batch. */
  let forWorker: string[] = [];
  let where: LineParser['where'] = 'worker';
  const stateLinesOf = (texts: readonly string[]): string[] => {
    const out: string[] = [];
    if (stateful) for (const t of texts) if (isStateLine(t)) out.push(t);
    return out;
  };
  return {
    get where() {
      return where;
    },
    parse(texts, firstLineNo) {
      if (outstanding >= workerDepth) {
        where = 'thread';
        const outcomes = inline.parse(texts, firstLineNo);
        forWorker.push(...stateLinesOf(texts));
        return outcomes;
      }
      where = 'worker';
      if (forWorker.length > 0) {
        // Outcomes of state lines fed again are not wanted; a failed worker fails the batch below too.
        Promise.resolve(worker.parse(forWorker, firstLineNo)).catch(() => undefined);
        forWorker = [];
      }
      const own = stateLinesOf(texts);
      if (own.length > 0) void inline.parse(own, firstLineNo);
      outstanding++;
      const done = () => {
        outstanding--;
      };
      const pending = Promise.resolve(worker.parse(texts, firstLineNo));
      pending.then(done, done);
      return pending as Promise<LineOutcome[]>;
    },
    close() {
      worker.close();
      inline.close();
    },
  };
}

/** Opens each file's parser on a worker and on this thread, sharing its batches (shareParsing). */
export function sharedParsers(onWorker: OpenLineParser, inline: OpenLineParser, opts: SharedParsingOptions = {}): OpenLineParser {
  return (format, o) => shareParsing(onWorker(format, o), inline(format, o), STATEFUL_FORMATS.has(format), opts);
}
