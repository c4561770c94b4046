/**
 * A small bounded memo with approximate LRU behaviour ("two generations"): entries
 * live in `young`; when it fills up it becomes `old` and a new `young` starts. A hit
 * in `old` is promoted. Lookups and inserts are O(1), eviction drops a whole
 * generation at once, and at most 2 × capacity entries are held.
 */
export class BoundedCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly capacity: number) {
    if (!(capacity > 0)) throw new RangeError('capacity must be > 0');
  }

  get(key: string): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const o = this.old.get(key);
    if (o !== undefined) this.set(key, o);
    return o;
  }

  set(key: string, value: V): void {
    if (this.young.size >= this.capacity) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}
