/**
 * Deterministic simulation of UAV clients (seeds 001, 002): `simulate(opts)` returns every
 * activity of `viewers` viewers over `durationMs` from `startTime`, in time order; the same options
 * (seed included) always give the same output. `simulateIter` yields the same stream lazily and
 * also runs endlessly (durationMs Infinity), e.g. to feed the local demo stack.
 *
 * Each viewer has its own PRNG stream derived from (seed, viewer index), so viewers are independent
 * of each other and of how the merged stream is consumed. Ties in time are ordered by viewer index.
 */
import { Catalogue } from './catalogue.ts';
import { MinHeap } from '../runtime/min-heap.ts';
import { deriveSeed, Rng } from '../runtime/seeded-rng.ts';
import { DEFAULT_RATES } from './sim-types.ts';
import type { SimEvent, SimRates, SimulateOptions } from './sim-types.ts';
import { viewerEvents } from './viewer-events.ts';
import { makeViewer } from './viewer-profile.ts';

export type { SimEvent, SimRates, SimSessionTruth, SimulateOptions } from './sim-types.ts';
export { DEFAULT_RATES } from './sim-types.ts';

interface Head {
  ev: SimEvent;
  viewer: number;
  it: Iterator<SimEvent, void, undefined>;
}

function checkOptions(o: SimulateOptions): void {
  if (!Number.isInteger(o.seed)) throw new RangeError('simulate: seed must be an integer');
  if (!Number.isInteger(o.viewers) || o.viewers < 0) throw new RangeError('simulate: viewers must be an integer >= 0');
  if (!Number.isFinite(o.startTime)) throw new RangeError('simulate: startTime must be a finite number of ms');
  if (!(o.durationMs >= 0)) throw new RangeError('simulate: durationMs must be >= 0 (Infinity allowed in simulateIter)');
  const h = o.heartbeatIntervalMs ?? 60_000;
  if (!Number.isFinite(h) || h < 1000) throw new RangeError('simulate: heartbeatIntervalMs must be >= 1000');
}

export function* simulateIter(opts: SimulateOptions): Generator<SimEvent, void, undefined> {
  checkOptions(opts);
  const rates: SimRates = { ...DEFAULT_RATES, ...opts.rates };
  const simEnd = opts.startTime + opts.durationMs;
  const spread = opts.arrivalSpreadMs ?? Math.min(opts.durationMs, 10 * 60_000);
  const catalogue = new Catalogue(opts.seed);
  const heap = new MinHeap<Head>((a, b) => a.ev.at < b.ev.at || (a.ev.at === b.ev.at && a.viewer < b.viewer));
  let sharedAccount: string | null = null;
  for (let i = 0; i < opts.viewers; i++) {
    const rng = new Rng(deriveSeed(opts.seed, i + 1));
    // About a third of devices share the account of the previous viewer (households).
    const share = i > 0 && rng.chance(0.3) ? sharedAccount : null;
    const viewer = makeViewer(rng, i, opts.appName ?? 'demo', rates, share);
    sharedAccount = viewer.accountId;
    const it = viewerEvents({
      rng,
      viewer,
      catalogue,
      firstAt: Math.round(opts.startTime + rng.next() * spread),
      simEnd,
      heartbeatMs: opts.heartbeatIntervalMs ?? 60_000,
      rates,
      clientEventIds: opts.clientEventIds ?? true,
      onSession: opts.onSession,
    });
    const first = it.next();
    if (!first.done) heap.push({ ev: first.value, viewer: i, it });
  }
  for (;;) {
    const h = heap.pop();
    if (h === undefined) return;
    yield h.ev;
    const n = h.it.next();
    if (!n.done) heap.push({ ev: n.value, viewer: h.viewer, it: h.it });
  }
}

/** Every activity of the simulated period, in time order. durationMs must be finite. */
export function simulate(opts: SimulateOptions): SimEvent[] {
  if (!Number.isFinite(opts.durationMs)) throw new RangeError('simulate: durationMs must be finite (use simulateIter for an endless stream)');
  return Array.from(simulateIter(opts));
}
