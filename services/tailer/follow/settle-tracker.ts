/** Remembers since when each file's size and mtime are unchanged, to read complete files only. */
export class SettleTracker {
  private readonly seen = new Map<string, { size: number; mtimeMs: number; since: number }>();

  constructor(private readonly settleMs: number) {}

  /** Records the file's current size/mtime and says whether it has been stable for the settle period. */
  observe(key: string, size: number, mtimeMs: number, now: number): boolean {
    const s = this.seen.get(key);
    if (!s || s.size !== size || s.mtimeMs !== mtimeMs) {
      this.seen.set(key, { size, mtimeMs, since: now });
      return this.settleMs === 0;
    }
    return now - s.since >= this.settleMs;
  }

  /** Forgets files not seen in the last poll. */
  retain(keys: Set<string>): void {
    for (const k of this.seen.keys()) if (!keys.has(k)) this.seen.delete(k);
  }
}
