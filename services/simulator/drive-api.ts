/**
 * Drives the collector's HTTP API with generated activities: POSTs them one per request
 * (`/useractivityvault/v1/useractivity/{activityName}`) or in batches (`/useractivityvault/v1/useractivity`,
 * body `{"activities": [{"activityName": ..., ...body}]}`) with a bearer token, at a chosen rate or
 * in the events' own rhythm, bounded in count and time. Returns event and request counts by HTTP
 * status ('error' for network failures and timeouts). In batch mode every event of a request is
 * counted under that request's status.
 */
import type { SimEvent } from './sim-types.ts';

export const SINGLE_PATH = '/useractivityvault/v1/useractivity/';
export const BATCH_PATH = '/useractivityvault/v1/useractivity';

export interface DriveOptions {
  /** Collector base URL, e.g. http://127.0.0.1:8080 */
  baseUrl: string;
  /** Bearer token; null sends no Authorization header. */
  token: string | null;
  events: Iterable<SimEvent> | AsyncIterable<SimEvent>;
  /** single (default): one activity per request; batch: batchSize activities per request. */
  mode?: 'single' | 'batch';
  batchSize?: number;
  /** Events per second (default: as fast as concurrency allows). Ignored when realtime. */
  ratePerSec?: number;
  /** Send each event when its `at` comes, relative to the first event, divided by speed. */
  realtime?: boolean;
  speed?: number;
  /** Stop after this many events (default: all). */
  maxEvents?: number;
  /** Stop taking events after this long (default: no limit). In-flight requests still finish (bounded by timeoutMs). */
  maxDurationMs?: number;
  /** Requests in flight at most (default 8). */
  concurrency?: number;
  /** Per-request timeout (default 10 000 ms). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** For tests; defaults to the global fetch. */
  fetchImpl?: typeof fetch;
  /** Called after each request with its status and number of events (for live progress). */
  onResponse?: (status: string, events: number) => void;
}

export interface DriveResult {
  eventsSent: number;
  requests: number;
  /** Events by HTTP status ('200', '400', ..., 'error'). */
  byStatus: Record<string, number>;
  /** Requests by HTTP status. */
  requestsByStatus: Record<string, number>;
  durationMs: number;
  stoppedBy: 'exhausted' | 'maxEvents' | 'maxDuration' | 'aborted';
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

async function* asAsync(events: Iterable<SimEvent> | AsyncIterable<SimEvent>): AsyncGenerator<SimEvent> {
  yield* events;
}

export async function driveApi(opts: DriveOptions): Promise<DriveResult> {
  const doFetch = opts.fetchImpl ?? fetch;
  const base = opts.baseUrl.replace(/\/+$/, '');
  const batch = opts.mode === 'batch';
  const batchSize = batch ? Math.max(1, opts.batchSize ?? 100) : 1;
  const maxEvents = opts.maxEvents ?? Infinity;
  const maxDurationMs = opts.maxDurationMs ?? Infinity;
  const concurrency = Math.max(1, opts.concurrency ?? 8);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const rate = opts.ratePerSec ?? Infinity;
  const speed = opts.speed ?? 1;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (opts.token !== null) headers['Authorization'] = `Bearer ${opts.token}`;

  const result: DriveResult = { eventsSent: 0, requests: 0, byStatus: {}, requestsByStatus: {}, durationMs: 0, stoppedBy: 'exhausted' };
  const started = Date.now();
  const deadline = started + maxDurationMs;
  const inFlight = new Set<Promise<void>>();
  let firstAt: number | null = null;
  let taken = 0;

  const count = (status: string, events: number): void => {
    result.requests += 1;
    result.requestsByStatus[status] = (result.requestsByStatus[status] ?? 0) + 1;
    result.byStatus[status] = (result.byStatus[status] ?? 0) + events;
    result.eventsSent += events;
    opts.onResponse?.(status, events);
  };

  const send = async (group: SimEvent[]): Promise<void> => {
    const first = group[0] as SimEvent;
    const url = batch ? base + BATCH_PATH : base + SINGLE_PATH + encodeURIComponent(first.activityName);
    const body = batch ? JSON.stringify({ activities: group.map((e) => ({ activityName: e.activityName, ...e.body })) }) : JSON.stringify(first.body);
    let status: string;
    try {
      const signal = opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
      const res = await doFetch(url, { method: 'POST', headers, body, signal });
      status = String(res.status);
      await res.arrayBuffer().catch(() => undefined);
    } catch {
      status = 'error';
    }
    count(status, group.length);
  };

  /** When the event with this index (0-based) and time may be sent. */
  const dueAt = (index: number, at: number): number => {
    if (opts.realtime) return started + (at - (firstAt ?? at)) / speed;
    return Number.isFinite(rate) && rate > 0 ? started + (index / rate) * 1000 : started;
  };

  let group: SimEvent[] = [];
  const flush = async (): Promise<void> => {
    if (group.length === 0) return;
    const g = group;
    group = [];
    const last = g[g.length - 1] as SimEvent;
    await sleep(dueAt(taken - 1, last.at) - Date.now(), opts.signal);
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    const p = send(g).finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  for await (const ev of asAsync(opts.events)) {
    if (opts.signal?.aborted) {
      result.stoppedBy = 'aborted';
      break;
    }
    if (taken >= maxEvents) {
      result.stoppedBy = 'maxEvents';
      break;
    }
    if (Date.now() >= deadline || dueAt(taken, ev.at) >= deadline) {
      result.stoppedBy = 'maxDuration';
      break;
    }
    firstAt ??= ev.at;
    group.push(ev);
    taken += 1;
    if (group.length >= batchSize) await flush();
  }
  if (result.stoppedBy !== 'aborted') await flush();
  await Promise.all(inFlight);
  if (opts.signal?.aborted) result.stoppedBy = 'aborted';
  result.durationMs = Date.now() - started;
  return result;
}
