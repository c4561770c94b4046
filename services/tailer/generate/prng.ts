/**
 * Deterministic pseudo-random numbers for the log generators: mulberry32 (32-bit state,
 * fast, good enough for test data; not for anything secret) plus the helpers the
 * generators need. Same seed → same sequence, on every platform.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next();
  }

  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight: entries are [item, weight]. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [item, w] of entries) {
      r -= w;
      if (r < 0) return item;
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  }

  /** Exponentially distributed with the given mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  hex(len: number): string {
    let s = '';
    for (let i = 0; i < len; i++) s += HEX[Math.floor(this.next() * 16)];
    return s;
  }

  alnum(len: number): string {
    let s = '';
    for (let i = 0; i < len; i++) s += ALNUM[Math.floor(this.next() * ALNUM.length)];
    return s;
  }

  /** A version-4-shaped UUID. */
  uuid(): string {
    const h = this.hex(32);
    const variant = HEX[8 + Math.floor(this.next() * 4)] as string;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** A uint64 in decimal text, below 2^63 like the seed's span ids (most exceed 2^53). */
  uint63Text(): string {
    const hi = BigInt(Math.floor(this.next() * 0x80000000));
    const lo = BigInt(Math.floor(this.next() * 0x100000000));
    return ((hi << 32n) | lo).toString();
  }
}
