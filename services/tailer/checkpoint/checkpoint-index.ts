/**
 * What is known to be committed: file checkpoints by id and by inode (the newest generation
 * wins), and watermarks by source. Filled from the checkpoint topic at restore and updated
 * only after Kafka committed a transaction.
 */
import { inodeKey } from '../follow/file-identity.ts';
import { decodeCheckpoint, type FileCheckpoint } from './checkpoint.ts';

export class CheckpointIndex {
  private readonly files = new Map<string, FileCheckpoint>();
  private readonly byInode = new Map<string, FileCheckpoint>();
  private readonly watermarks = new Map<string, number>();

  clear(): void {
    this.files.clear();
    this.byInode.clear();
    this.watermarks.clear();
  }

  /** Applies one record of the topic (in offset order). Returns the marker nonce if it is one. */
  applyRecord(key: string, value: Buffer | null): string | null {
    if (value === null) {
      if (key.startsWith('file/')) this.forget(key.slice(5));
      return null;
    }
    const r = decodeCheckpoint(value);
    if (r === null) return null;
    if (r.kind === 'file') this.putFile(r);
    else if (r.kind === 'watermark') this.putWatermark(r.source, r.eventTimeMs);
    else return r.nonce;
    return null;
  }

  putFile(cp: FileCheckpoint): void {
    this.files.set(cp.fileId, cp);
    const k = inodeKey(cp.dev, cp.ino);
    const cur = this.byInode.get(k);
    if (!cur || cur.fileId === cp.fileId || cp.generation > cur.generation || (cp.generation === cur.generation && cp.updatedAt >= cur.updatedAt)) this.byInode.set(k, cp);
  }

  /** Watermarks only move forward. */
  putWatermark(source: string, eventTimeMs: number): void {
    const cur = this.watermarks.get(source);
    if (cur === undefined || eventTimeMs > cur) this.watermarks.set(source, eventTimeMs);
  }

  private forget(fileId: string): void {
    const cp = this.files.get(fileId);
    if (!cp) return;
    this.files.delete(fileId);
    const k = inodeKey(cp.dev, cp.ino);
    if (this.byInode.get(k)?.fileId === fileId) this.byInode.delete(k);
  }

  file(fileId: string): FileCheckpoint | undefined {
    return this.files.get(fileId);
  }

  latestForInode(dev: number, ino: number): FileCheckpoint | undefined {
    return this.byInode.get(inodeKey(dev, ino));
  }

  watermark(source: string): number | null {
    return this.watermarks.get(source) ?? null;
  }

  allFiles(): IterableIterator<FileCheckpoint> {
    return this.files.values();
  }

  copyWatermarksTo(other: CheckpointIndex): void {
    for (const [s, t] of this.watermarks) other.putWatermark(s, t);
  }

  get size(): number {
    return this.files.size;
  }
}
