/**
 * A file's identity survives renames and tells a re-used inode apart: device + inode, plus a
 * hash of the file's first bytes (up to FINGERPRINT_BYTES, fixed when the file is first seen),
 * plus a generation that grows when the same inode starts over (truncation).
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

export const FINGERPRINT_BYTES = 1024;

export interface Fingerprint {
  /** How many leading bytes were hashed. */
  readonly len: number;
  readonly hash: string;
}

export function inodeKey(dev: number, ino: number): string {
  return `${dev}:${ino}`;
}

export function hashPrefix(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** Hash of the first `len` bytes, or null when the file is shorter than that (or gone). */
export async function fingerprintOf(path: string, len: number): Promise<Fingerprint | null> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(len);
    let got = 0;
    while (got < len) {
      const { bytesRead } = await fh.read(buf, got, len - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    if (got < len) return null;
    return { len, hash: hashPrefix(buf) };
  } finally {
    await fh.close();
  }
}

export function fileIdOf(dev: number, ino: number, fp: Fingerprint, generation: number): string {
  const base = `${dev.toString(36)}-${ino.toString(36)}-${fp.hash}`;
  return generation === 0 ? base : `${base}-g${generation}`;
}

export function isGzipPath(path: string): boolean {
  return /\.(gz|gzip)$/i.test(path);
}
