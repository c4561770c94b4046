/**
 * Streams a file's lines from a byte offset in batches (one per read buffer), never holding
 * the file in memory. Plain files are read up to `endOffset` (the size seen when the read
 * started); their unterminated last line is only handed out with `includeTail` (the file is
 * settled). Gzip files are decompressed from the start and the first `startOffset`
 * decompressed bytes skipped; offsets and line numbers then count decompressed bytes.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { LineSplitter } from './line-splitter.ts';

export interface LineBatch {
  readonly texts: string[];
  /** Byte offset after each line. */
  readonly ends: number[];
}

export interface ReadLinesOptions {
  readonly path: string;
  readonly gzip: boolean;
  readonly startOffset: number;
  /** Plain files: stop here (exclusive). */
  readonly endOffset?: number;
  /** Hand out an unterminated last line (always for gzip). */
  readonly includeTail: boolean;
  readonly highWaterMark?: number;
  /**
   * Gzip: decompressed bytes handed out at a time (default highWaterMark). At corrupt data zlib drops
   * the piece it was filling, so a small size loses fewer of the lines before the corruption.
   */
  readonly gzipChunkBytes?: number;
}

export async function* readLineBatches(opts: ReadLinesOptions): AsyncGenerator<LineBatch> {
  const hwm = opts.highWaterMark ?? 256 * 1024;
  let stream: Readable;
  let done: Promise<void> | null = null;
  if (opts.gzip) {
    const file = createReadStream(opts.path, { highWaterMark: hwm });
    const gunzip = createGunzip({ chunkSize: opts.gzipChunkBytes ?? hwm });
    done = pipeline(file, gunzip).catch(() => undefined);
    stream = gunzip;
  } else {
    if (opts.endOffset !== undefined && opts.endOffset <= opts.startOffset) return;
    stream = createReadStream(opts.path, { start: opts.startOffset, end: opts.endOffset === undefined ? undefined : opts.endOffset - 1, highWaterMark: hwm });
  }
  const splitter = new LineSplitter(opts.startOffset);
  let toSkip = opts.gzip ? opts.startOffset : 0;
  let batch: LineBatch = { texts: [], ends: [] };
  const sink = {
    line(text: string, end: number) {
      batch.texts.push(text);
      batch.ends.push(end);
    },
  };
  try {
    for await (const c of stream) {
      let chunk = c as Buffer;
      if (toSkip > 0) {
        if (chunk.length <= toSkip) {
          toSkip -= chunk.length;
          continue;
        }
        chunk = chunk.subarray(toSkip);
        toSkip = 0;
      }
      splitter.push(chunk, sink);
      if (batch.texts.length > 0) {
        yield batch;
        batch = { texts: [], ends: [] };
      }
    }
    if (opts.includeTail || opts.gzip) splitter.flush(sink);
    if (batch.texts.length > 0) yield batch;
  } finally {
    stream.destroy();
    if (done) await done;
  }
}
