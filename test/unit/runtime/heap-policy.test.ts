import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { applyHeapGrowingPercent } from '../../../services/runtime/heap-policy.ts';
import { loadConfig, commonConfig } from '../../../services/runtime/config.ts';
import { tailerConfig } from '../../../services/tailer/config.ts';
import { collectorConfig } from '../../../services/collector/config.ts';

describe('applyHeapGrowingPercent', () => {
  it('hands V8 the growing factor', () => {
    const flags: string[] = [];
    applyHeapGrowingPercent(100, (f) => flags.push(f));
    expect(flags).toEqual(['--heap-growing-percent=100']);
  });

  it('leaves V8 its own heuristics at 0', () => {
    const flags: string[] = [];
    applyHeapGrowingPercent(0, (f) => flags.push(f));
    expect(flags).toEqual([]);
  });

  it('refuses what V8 could not take', () => {
    expect(() => applyHeapGrowingPercent(-1, () => undefined)).toThrow(RangeError);
    expect(() => applyHeapGrowingPercent(1.5, () => undefined)).toThrow('whole number');
  });

  it('is 100 unless HEAP_GROWING_PERCENT says otherwise', () => {
    expect(loadConfig(commonConfig, {}).HEAP_GROWING_PERCENT).toBe(100);
    expect(loadConfig(commonConfig, { HEAP_GROWING_PERCENT: '0' }).HEAP_GROWING_PERCENT).toBe(0);
    expect(() => loadConfig(commonConfig, { HEAP_GROWING_PERCENT: 'lots' })).toThrow('HEAP_GROWING_PERCENT');
  });

  it("is V8's own (0) for the tailer, whose CPU per line the cap raised", () => {
    expect(loadConfig(tailerConfig, {}).HEAP_GROWING_PERCENT).toBe(0);
    expect(loadConfig(collectorConfig, {}).HEAP_GROWING_PERCENT).toBe(100);
    expect(loadConfig(tailerConfig, { HEAP_GROWING_PERCENT: '100' }).HEAP_GROWING_PERCENT).toBe(100);
  });
});

/**
 * The flag is set after V8 started (v8.setFlagsFromString), which Node does not promise to honour for
 * every flag; this one V8 reads at each full GC. A child process keeps 200k objects alive and churns
 * objects that live long enough to be promoted; its peak heap shows whether the policy took effect.
 */
function peakHeapMb(percent: number): Promise<number> {
  const code = `
    import v8 from 'node:v8';
    import { applyHeapGrowingPercent } from './services/runtime/heap-policy.ts';
    applyHeapGrowingPercent(${percent});
    const live = []; for (let i = 0; i < 200_000; i++) live.push({ a: i, b: 'x' + i, c: [i] });
    const ring = new Array(100_000).fill(null);
    let peak = 0;
    for (let i = 0; i < 2_000_000; i++) {
      ring[i % ring.length] = { i, s: 'y' + (i & 1023), arr: [i, i + 1, i + 2], o: { k: i } };
      if ((i & 4095) === 0) peak = Math.max(peak, v8.getHeapStatistics().total_heap_size);
    }
    console.log(live.length > 0 ? peak / 1048576 : 0);`;
  const cwd = fileURLToPath(new URL('../../../', import.meta.url));
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd }, (err, stdout) => (err ? reject(err) : resolve(Number(stdout.trim())))),
  );
}

describe('HEAP_GROWING_PERCENT in a running process', () => {
  it('keeps the heap of a fast-allocating process well below what V8 grows to on its own', { timeout: 60_000 }, async () => {
    const own = await peakHeapMb(0);
    const capped = await peakHeapMb(100);
    expect(own).toBeGreaterThan(100);
    expect(capped).toBeLessThan(own * 0.8);
  });
});
