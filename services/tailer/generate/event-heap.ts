/**
 * A binary min-heap of timed items, used to merge interleaved sessions into one
 * time-ordered stream with bounded memory. Ties keep insertion order.
 */
export interface Timed<T> {
  at: number;
  seq: number;
  value: T;
}

export class EventHeap<T> {
  private readonly items: Array<Timed<T>> = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  /** Time of the earliest item, or +Infinity when empty. */
  peekTime(): number {
    return this.items.length === 0 ? Infinity : (this.items[0] as Timed<T>).at;
  }

  push(at: number, value: T): void {
    const items = this.items;
    items.push({ at, seq: this.seq++, value });
    let i = items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(items[i] as Timed<T>, items[p] as Timed<T>)) break;
      swap(items, i, p);
      i = p;
    }
  }

  pop(): Timed<T> | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0] as Timed<T>;
    const last = items.pop() as Timed<T>;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && less(items[l] as Timed<T>, items[m] as Timed<T>)) m = l;
        if (r < items.length && less(items[r] as Timed<T>, items[m] as Timed<T>)) m = r;
        if (m === i) break;
        swap(items, i, m);
        i = m;
      }
    }
    return top;
  }
}

function less<T>(a: Timed<T>, b: Timed<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

function swap<T>(a: Array<Timed<T>>, i: number, j: number): void {
  const t = a[i] as Timed<T>;
  a[i] = a[j] as Timed<T>;
  a[j] = t;
}
