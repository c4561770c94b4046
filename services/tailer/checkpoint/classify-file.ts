/**
 * Pure decision for a file seen on disk against the newest checkpoint for its inode:
 *  - no checkpoint → new file;
 *  - the fingerprint (first bytes hashed when the file was first seen) differs → the inode was
 *    re-used (different path) or the file rewritten in place (same path, counted as truncation):
 *    a new identity (next generation), read from the start;
 *  - same fingerprint but a plain file shorter than the checkpointed offset → truncated: new
 *    generation from the start (so (fileId, line) never repeats for different content);
 *  - otherwise the same file (renamed when the path differs), continue from the checkpoint.
 */
import type { FileCheckpoint } from './checkpoint.ts';

export type FileClass =
  | { kind: 'new'; generation: number }
  | { kind: 'same'; renamed: boolean }
  | { kind: 'truncated'; generation: number }
  | { kind: 'replaced'; generation: number };

export function classifyFile(known: FileCheckpoint | undefined, seen: { path: string; size: number; gzip: boolean }, fingerprintMatches: boolean): FileClass {
  if (!known) return { kind: 'new', generation: 0 };
  if (!fingerprintMatches) {
    return known.path === seen.path ? { kind: 'truncated', generation: known.generation + 1 } : { kind: 'replaced', generation: known.generation + 1 };
  }
  if (!seen.gzip && !known.deleted && seen.size < known.offset) return { kind: 'truncated', generation: known.generation + 1 };
  return { kind: 'same', renamed: known.path !== seen.path };
}

/** Whether a known file has nothing left to read. */
export function isCaughtUp(cp: FileCheckpoint, size: number): boolean {
  if (cp.done || cp.deleted) return true;
  return !cp.gzip && cp.offset >= size;
}
