/**
 * Opt-in clean-up (seed 004: delete log files older than 60 days): a file is deleted only when it
 * is fully processed (checkpoint done or caught up) and its last modification is older than the
 * retention. The checkpoint is marked deleted in Kafka before the file is unlinked.
 */
import { isCaughtUp } from '../checkpoint/classify-file.ts';
import type { FileCheckpoint } from '../checkpoint/checkpoint.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

export function shouldDelete(cp: FileCheckpoint | undefined, file: { size: number; mtimeMs: number }, nowMs: number, retentionDays: number): boolean {
  if (!cp) return false;
  if (cp.deleted) return true;
  if (!isCaughtUp(cp, file.size)) return false;
  return nowMs - file.mtimeMs > retentionDays * DAY_MS;
}
