/**
 * Writes generated lines to a file, optionally gzip-compressed, streaming (lines are
 * batched into ~64 KiB chunks; nothing else is held in memory), so multi-GB files work.
 * The file is written under a temporary dot-name in the same directory and renamed
 * when complete, so a watcher never sees half a file.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export interface WriteLogFileOptions {
  /** gzip the output (the name is used as given). Default: true when the path ends in .gz. */
  readonly gzip?: boolean;
  /** Stop after this many uncompressed bytes (whole lines; the line crossing the limit is written). */
  readonly maxBytes?: number;
  /** Create missing parent directories. Default true. */
  readonly mkdir?: boolean;
}

export interface WriteLogFileResult {
  readonly path: string;
  readonly lines: number;
  /** Uncompressed bytes written. */
  readonly bytes: number;
}

const CHUNK = 64 * 1024;

export async function writeLogFile(
  path: string,
  lines: Iterable<string> | AsyncIterable<string>,
  opts: WriteLogFileOptions = {},
): Promise<WriteLogFileResult> {
  const gzip = opts.gzip ?? path.endsWith('.gz');
  const maxBytes = opts.maxBytes ?? Infinity;
  if (opts.mkdir ?? true) await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let count = 0;
  let bytes = 0;
  // a sync source is read synchronously per chunk (no await per line)
  const sync = Symbol.iterator in lines ? (lines as Iterable<string>)[Symbol.iterator]() : null;
  const async = sync === null ? (lines as AsyncIterable<string>)[Symbol.asyncIterator]() : null;
  async function* chunks(): AsyncGenerator<string> {
    let done = false;
    while (!done && bytes < maxBytes) {
      let buf = '';
      while (buf.length < CHUNK && bytes + buf.length < maxBytes) {
        const n = sync !== null ? sync.next() : await (async as AsyncIterator<string>).next();
        if (n.done === true) {
          done = true;
          break;
        }
        buf += n.value + '\n';
        count++;
      }
      if (buf.length > 0) {
        bytes += Buffer.byteLength(buf);
        yield buf;
      }
    }
    if (!done) {
      // stopped early: let the source clean up
      if (sync !== null) sync.return?.();
      else await async?.return?.();
    }
  }
  try {
    const source = Readable.from(chunks());
    const sink = createWriteStream(tmp);
    if (gzip) await pipeline(source, createGzip(), sink);
    else await pipeline(source, sink);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return { path, lines: count, bytes };
}
