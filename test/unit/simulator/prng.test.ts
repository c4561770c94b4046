import { describe, it, expect } from 'vitest';
import { deriveSeed, mulberry32, Rng } from '../../../services/runtime/seeded-rng.ts';
import { MinHeap } from '../../../services/runtime/min-heap.ts';

describe('Rng (mulberry32)', () => {
  it('gives the reference mulberry32 sequence', () => {
    // mulberry32(1) starts 0.6270739405881613 (the value usually quoted for the reference JS function).
    const r = new Rng(1);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([2693262067, 11749833, 2265367787]);
    expect(mulberry32(1)()).toBeCloseTo(0.6270739405881613, 15);
  });

  it('repeats for the same seed and differs for another', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const sa = Array.from({ length: 50 }, () => a());
    expect(Array.from({ length: 50 }, () => b())).toEqual(sa);
    expect(Array.from({ length: 50 }, () => c())).not.toEqual(sa);
  });

  it('stays in range and is roughly uniform', () => {
    const r = new Rng(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      buckets[Math.floor(x * 10)]! += 1;
    }
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });

  it('draws integers inclusively within bounds', () => {
    const r = new Rng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = r.int(2, 5);
      expect(n >= 2 && n <= 5 && Number.isInteger(n)).toBe(true);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });

  it('picks by weight', () => {
    const r = new Rng(9);
    let a = 0;
    for (let i = 0; i < 10_000; i++) if (r.weighted([['a', 9], ['b', 1]] as const) === 'a') a++;
    expect(a).toBeGreaterThan(8700);
    expect(a).toBeLessThan(9300);
  });

  it('makes version-4-shaped UUIDs', () => {
    const r = new Rng(5);
    for (let i = 0; i < 100; i++) expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('derives distinct stream seeds', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => deriveSeed(1, i)));
    expect(seeds.size).toBe(1000);
    expect(deriveSeed(1, 2)).toBe(deriveSeed(1, 2));
    expect(deriveSeed(1, 2)).not.toBe(deriveSeed(2, 2));
  });
});

describe('MinHeap', () => {
  it('pops in order', () => {
    const h = new MinHeap<number>((a, b) => a < b);
    const r = new Rng(11);
    const xs = Array.from({ length: 500 }, () => r.int(0, 1000));
    for (const x of xs) h.push(x);
    const out: number[] = [];
    for (let x = h.pop(); x !== undefined; x = h.pop()) out.push(x);
    expect(out).toEqual([...xs].sort((a, b) => a - b));
    expect(h.size).toBe(0);
  });
});
