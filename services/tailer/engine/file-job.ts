/**
 * Publishes one file from its checkpoint to its current end: lines are read in a stream, parsed,
 * and sent in chunks (TAILER_BATCH_LINES / TAILER_BATCH_BYTES), each chunk in one Kafka
 * transaction together with the checkpoint after its last line. The next chunk is built while
 * the previous transaction is in flight; transactions of a file commit in order. The checkpoint
 * index is updated only after Kafka committed. Lines are handed to the parser a few read batches
 * ahead, so a parse worker (TAILER_PARSE_WORKERS) parses while this thread builds and sends.
 */
import { streamOf } from '../publish/format-pipeline.ts';
import { ChunkBuilder } from '../publish/chunk-builder.ts';
import type { LineOutcome } from '../publish/line-outcome.ts';
import type { LineParser } from '../publish/line-parser.ts';
import { WORKER_DEPTH } from '../publish/shared-line-parser.ts';
import { STATEFUL_FORMATS, stateLineFilter } from '../publish/state-lines.ts';
import { readLineBatches, type LineBatch } from '../follow/read-lines.ts';
import type { FileCheckpoint } from '../checkpoint/checkpoint.ts';
import type { Lane } from './lane.ts';
import type { JobContext } from './job-context.ts';

export type FileEvent = 'discovered' | 'truncated' | 'replaced' | 'renamed' | null;

export interface FileJob {
  readonly path: string;
  /** Plain files: read up to here. */
  readonly size: number;
  /** The file's size has been stable for the settle period (its unterminated last line may be read). */
  readonly settled: boolean;
  /** Where to start: the committed checkpoint, or a fresh one for a new identity. */
  readonly start: FileCheckpoint;
  /** Counted once the first transaction of this job committed. */
  readonly event: FileEvent;
  /** Set when the file cannot be parsed at all (e.g. unknown access-log format). */
  readonly unreadable?: { code: string; reason: string };
}

/**
 * Read batches handed to the parser before their outcomes are taken: with a parse worker, as many as it
 * may hold, plus one this thread parses meanwhile (shared-line-parser.ts).
 */
const PARSE_AHEAD = WORKER_DEPTH + 1;

function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/** Re-feeds the state lines before the resume point (state-lines.ts) to a stateful parser (W3C #Fields, TSV header). */
async function replayHeader(p: LineParser, cp: FileCheckpoint): Promise<void> {
  const isStateLine = stateLineFilter();
  let lineNo = 0;
  for await (const b of readLineBatches({ path: cp.path, gzip: cp.gzip, startOffset: 0, endOffset: cp.gzip ? undefined : cp.offset, includeTail: false })) {
    for (let i = 0; i < b.texts.length; i++) {
      if ((b.ends[i] as number) > cp.offset) return;
      lineNo++;
      const t = b.texts[i] as string;
      if (isStateLine(t)) await p.parse([t], lineNo);
    }
  }
}

export async function runFileJob(job: FileJob, lane: Lane, ctx: JobContext): Promise<void> {
  const { settings } = ctx;
  const parser = ctx.openParser(job.start.format ?? 'combined', { fileId: job.start.fileId, file: job.path, ipHashKey: settings.ipHashKey, tenant: settings.tenant });
  try {
    await publishFile(job, lane, ctx, parser);
  } finally {
    parser.close();
  }
}

async function publishFile(job: FileJob, lane: Lane, ctx: JobContext, parser: LineParser): Promise<void> {
  const start = job.start;
  const { settings, tel } = ctx;
  const format = start.format ?? 'combined';
  const watermark = ctx.watermarkOf(start.source);
  const chunkCtx = { topics: ctx.topics, dlqEncoder: ctx.dlqEncoder, lateCutoffMs: settings.lateCutoffMs, file: job.path, fileId: start.fileId, tenant: settings.tenant, ipHashKey: settings.ipHashKey };
  const of = streamOf(format);
  const newBuilder = () => new ChunkBuilder(of, watermark, chunkCtx);

  let cp: FileCheckpoint = { ...start, path: job.path };
  let builder = newBuilder();
  let lineNo = start.line;
  let offset = start.offset;
  let inflight: Promise<void> = Promise.resolve();
  let eventPending = job.event;

  const flush = async (done: boolean, error: string | null = null): Promise<void> => {
    const next: FileCheckpoint = { ...cp, offset, line: lineNo, done, error, updatedAt: Date.now() };
    const b = builder;
    builder = newBuilder();
    const batches = b.toBatches(next, next.source);
    await inflight;
    const event = eventPending;
    eventPending = null;
    inflight = lane.send(batches).then(() => {
      ctx.index.putFile(next);
      if (watermark.value !== null) ctx.index.putWatermark(next.source, watermark.value);
      const c = b.counts;
      tel.lines.inc({ format, outcome: 'published' }, c.published);
      tel.lines.inc({ format, outcome: 'skipped' }, c.skipped);
      tel.lines.inc({ format, outcome: 'rejected' }, c.rejected);
      tel.lines.inc({ format, outcome: 'late' }, c.late);
      tel.bytes.inc({ format }, c.bytes);
      for (const [reason, n] of c.reasons) tel.rejected.inc({ format, reason }, n);
      if (event) tel.files.inc({ format, event });
      if (done) tel.files.inc({ format, event: error ? (error.startsWith('UNKNOWN_FORMAT') ? 'unknown_format' : 'corrupt') : 'completed' });
    });
    inflight.catch(() => undefined); // awaited below; keeps a failed send from being an unhandled rejection
    cp = next;
  };

  if (job.unreadable) {
    builder.deadLetter(job.unreadable.code, job.unreadable.reason, '', lineNo + 1, false);
    await flush(true, `${job.unreadable.code}: ${job.unreadable.reason}`);
    await inflight;
    return;
  }

  if (start.line > 0 && STATEFUL_FORMATS.has(format)) await replayHeader(parser, cp);

  const ahead: Array<{ batch: LineBatch; outcomes: LineOutcome[] | Promise<LineOutcome[]>; where: LineParser['where'] }> = [];
  let parsedTo = lineNo;
  /** Takes the oldest parsed batch into chunks; true once the engine asked to stop. */
  const take = async (): Promise<boolean> => {
    const { batch, outcomes, where } = ahead.shift() as (typeof ahead)[number];
    const res = await outcomes;
    const { texts, ends } = batch;
    tel.parsed.inc({ where }, texts.length);
    for (let i = 0; i < texts.length; i++) {
      const end = ends[i] as number;
      lineNo++;
      builder.accept(res[i] as LineOutcome, texts[i] as string, lineNo, end - offset);
      offset = end;
      if (builder.lines >= settings.batchLines || builder.encodedBytes >= settings.batchBytes) {
        await flush(false);
        if (ctx.shouldStop()) return true;
      }
    }
    return false;
  };
  /**
   * Parses and takes every line read, PARSE_AHEAD read batches ahead; true once the engine asked to
   * stop. At corrupt gzip data the lines read before it are taken first, then the error is thrown.
   */
  const pump = async (batches: AsyncIterable<LineBatch>): Promise<boolean> => {
    try {
      for await (const batch of batches) {
        const outcomes = parser.parse(batch.texts, parsedTo + 1);
        if (outcomes instanceof Promise) outcomes.catch(() => undefined); // awaited in take(), or abandoned when stopping
        ahead.push({ batch, outcomes, where: parser.where });
        parsedTo += batch.texts.length;
        if (ahead.length >= PARSE_AHEAD && (await take())) return true;
      }
    } catch (err) {
      if (!isZlibError(err)) throw err;
      while (ahead.length > 0) if (await take()) return true;
      throw err;
    }
    while (ahead.length > 0) if (await take()) return true;
    return false;
  };

  /** A failure ends the job: the transaction in flight is let finish first (a retry resumes from what it committed). */
  const failAfterInflight = async (err: unknown): Promise<never> => {
    await inflight.catch(() => undefined);
    throw err;
  };

  let stopped: boolean;
  try {
    stopped = await pump(readLineBatches({ path: job.path, gzip: start.gzip, startOffset: start.offset, endOffset: start.gzip ? undefined : job.size, includeTail: job.settled }));
  } catch (err) {
    if (!(start.gzip && isZlibError(err))) return await failAfterInflight(err);
    // zlib drops the piece of output it was filling when it meets the corrupt data (up to 256 KB of
    // lines): read on from the last line taken in small pieces, to lose at most 1 KB before giving up.
    let cause = err as Error;
    try {
      const stop = await pump(readLineBatches({ path: job.path, gzip: true, startOffset: offset, includeTail: true, gzipChunkBytes: 1024 }));
      if (!stop) await flush(true); // read to its end this time
      await inflight;
      return;
    } catch (again) {
      if (!isZlibError(again)) return await failAfterInflight(again);
      cause = again as Error;
    }
    const reason = `gzip data unreadable after line ${lineNo}: ${cause.message}`;
    ctx.logger.warn({ file: job.path, fileId: start.fileId, err: cause.message }, 'corrupt gzip file');
    builder.deadLetter('GZIP_CORRUPT', reason, '', lineNo + 1, false);
    await flush(true, `GZIP_CORRUPT: ${reason}`);
    await inflight;
    return;
  }
  if (!stopped && (builder.lines > 0 || (start.gzip && !cp.done))) await flush(start.gzip);
  await inflight;
}
