/**
 * A min-heap of timed items, used to merge interleaved sessions into one time-ordered stream with
 * bounded memory. Ties keep insertion order.
 */
import { MinHeap } from '../../runtime/min-heap.ts';

export interface Timed<T> {
  at: number;
  seq: number;
  value: T;
}

export class EventHeap<T> {
  private readonly heap = new MinHeap<Timed<T>>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  private seq = 0;

  get size(): number {
    return this.heap.size;
  }

  /** Time of the earliest item, or +Infinity when empty. */
  peekTime(): number {
    return this.heap.peek()?.at ?? Infinity;
  }

  push(at: number, value: T): void {
    this.heap.push({ at, seq: this.seq++, value });
  }

  pop(): Timed<T> | undefined {
    return this.heap.pop();
  }
}
