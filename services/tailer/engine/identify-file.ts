/**
 * Turns a file found on disk into a job (or nothing to do): finds its identity (inode +
 * fingerprint, see follow/file-identity.ts) against the committed checkpoints, waits for gzip
 * files to settle, and detects the access-log format of new files.
 */
import type { DiscoveredFile } from '../sources/discover.ts';
import { FINGERPRINT_BYTES, fileIdOf, fingerprintOf, inodeKey, isGzipPath } from '../follow/file-identity.ts';
import { peekLines } from '../follow/peek-lines.ts';
import type { SettleTracker } from '../follow/settle-tracker.ts';
import { classifyFile, isCaughtUp } from '../checkpoint/classify-file.ts';
import type { CheckpointIndex } from '../checkpoint/checkpoint-index.ts';
import type { FileCheckpoint, ResolvedFormat } from '../checkpoint/checkpoint.ts';
import { detectAccessFormat } from '../parse/index.ts';
import type { FileEvent, FileJob } from './file-job.ts';

/** Files whose fingerprint was checked at this size and mtime need no new check. */
export type VerifiedCache = Map<string, { fileId: string; size: number; mtimeMs: number }>;

export interface IdentifyContext {
  index: CheckpointIndex;
  settle: SettleTracker;
  verified: VerifiedCache;
  nowMs: number;
}

export async function identifyFile(f: DiscoveredFile, ctx: IdentifyContext): Promise<FileJob | null> {
  const { dev, ino, size, mtimeMs } = f.stats;
  if (size === 0) return null;
  const key = inodeKey(dev, ino);
  const gzip = isGzipPath(f.path);
  const settled = ctx.settle.observe(key, size, mtimeMs, ctx.nowMs);
  const known = ctx.index.latestForInode(dev, ino);

  let matches = false;
  if (known) {
    const v = ctx.verified.get(key);
    if (v && v.fileId === known.fileId && v.size === size && v.mtimeMs === mtimeMs && known.path === f.path) matches = true;
    else {
      const fp = await fingerprintOf(f.path, known.fpLen);
      matches = fp !== null && fp.hash === known.fpHash;
    }
  }
  const cls = classifyFile(known, { path: f.path, size, gzip }, matches);
  if (cls.kind === 'same' && known) {
    ctx.verified.set(key, { fileId: known.fileId, size, mtimeMs });
    if (isCaughtUp(known, size)) return null;
    if (gzip && !settled) return null;
    return { path: f.path, size, settled, start: known, event: cls.renamed ? 'renamed' : null };
  }
  if (gzip && !settled) return null;
  const fp = await fingerprintOf(f.path, Math.min(size, FINGERPRINT_BYTES));
  if (fp === null) return null;
  const generation = cls.kind === 'same' ? 0 : cls.generation;
  let format: ResolvedFormat | null;
  let unreadable: FileJob['unreadable'];
  const spec = f.source.format;
  if (spec === 'access') {
    format = detectAccessFormat(await peekLines(f.path, gzip), f.path);
    if (format === null) {
      if (!settled) return null;
      unreadable = { code: 'UNKNOWN_FORMAT', reason: 'access-log format not recognised (not W3C, TSV, Akamai or combined)' };
    }
  } else format = spec;
  const start: FileCheckpoint = {
    kind: 'file',
    fileId: fileIdOf(dev, ino, fp, generation),
    dev,
    ino,
    generation,
    fpLen: fp.len,
    fpHash: fp.hash,
    path: f.path,
    source: f.source.name,
    format,
    gzip,
    offset: 0,
    line: 0,
    done: false,
    deleted: false,
    error: null,
    updatedAt: ctx.nowMs,
  };
  const event: FileEvent = cls.kind === 'new' ? 'discovered' : cls.kind === 'same' ? null : cls.kind;
  return { path: f.path, size, settled, start, event, ...(unreadable ? { unreadable } : {}) };
}
