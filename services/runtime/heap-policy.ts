/**
 * How far V8 lets the old generation grow past what the last full GC kept alive before it collects
 * again. Left to itself, V8 grows it up to 4× under allocation pressure; the services allocate fast
 * and keep little alive (the collector keeps ~30 MB live and its heap grew to ~140 MB under batch
 * load), so its own choice mostly holds garbage. 100 % (2×) cut the collector's peak RSS under load
 * from 280–290 MB to 195–210 MB with no loss of throughput in alternating runs (bench:collector;
 * issue #3 notes). The tailer's default is 0: there the cap cost 13–21 % more CPU per line
 * (tailer/config.ts).
 */
import v8 from 'node:v8';

/** Applies HEAP_GROWING_PERCENT; 0 leaves V8's own heuristics. V8 reads the flag at every full GC. */
export function applyHeapGrowingPercent(percent: number, setFlags: (flags: string) => void = v8.setFlagsFromString): void {
  if (!Number.isInteger(percent) || percent < 0) throw new RangeError(`heap growing percent must be a whole number ≥ 0, got ${percent}`);
  if (percent > 0) setFlags(`--heap-growing-percent=${percent}`);
}
