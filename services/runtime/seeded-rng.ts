/**
 * A small deterministic PRNG (mulberry32) with the helpers the UAV simulator and the log generators
 * need. Same seed, same sequence, on every platform: only 32-bit integer arithmetic and Math.imul.
 * Not for anything secret.
 */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Mixes a seed and a stream number into a 32-bit seed (splitmix32 finaliser), for independent streams. */
export function deriveSeed(seed: number, stream: number): number {
  let z = (Math.imul(seed | 0, 0x9e3779b1) + Math.imul(stream | 0, 0x85ebca6b) + 0x6d2b79f5) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next 32-bit unsigned integer (mulberry32). */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [min, max), [0, 1) by default. */
  float(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }

  /** n lowercase hex digits. */
  hex(n: number): string {
    let s = '';
    while (s.length < n) s += this.nextUint32().toString(16).padStart(8, '0');
    return s.slice(0, n);
  }

  /** Exponentially distributed with the given mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** n characters of [A-Za-z0-9]. */
  alnum(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += ALNUM[Math.floor(this.next() * ALNUM.length)];
    return s;
  }

  /** A uint64 in decimal text, below 2^63 (like SSAI span ids; most exceed 2^53). */
  uint63Text(): string {
    const hi = BigInt(Math.floor(this.next() * 0x80000000));
    const lo = BigInt(Math.floor(this.next() * 0x100000000));
    return ((hi << 32n) | lo).toString();
  }

  /** A version-4-shaped UUID from this stream. */
  uuid(): string {
    const h = this.hex(32);
    const variant = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** mulberry32 as a plain function returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}
