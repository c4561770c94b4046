import { describe, it, expect } from 'vitest';
import { driveApi } from '../../../services/simulator/drive-api.ts';
import type { SimEvent } from '../../../services/simulator/sim-types.ts';
import { simulateIter } from '../../../services/simulator/simulate.ts';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  at: number;
}

function fakeFetch(status: (call: Call, n: number) => number | 'throw', delayMs = 0): { fetch: typeof fetch; calls: Call[]; maxInFlight: () => number } {
  const calls: Call[] = [];
  let inFlight = 0;
  let max = 0;
  const f = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: init?.headers as Record<string, string>,
      body: JSON.parse(String(init?.body)) as unknown,
      at: Date.now(),
    };
    calls.push(call);
    inFlight++;
    max = Math.max(max, inFlight);
    try {
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      const s = status(call, calls.length);
      if (s === 'throw') throw new TypeError('fetch failed');
      return new Response('{}', { status: s });
    } finally {
      inFlight--;
    }
  };
  return { fetch: f as typeof fetch, calls, maxInFlight: () => max };
}

function events(n: number): SimEvent[] {
  return Array.from({ length: n }, (_, i) => ({ at: 1000 + i * 10, activityName: i % 2 ? 'playbackHeartbeat' : 'adDeliverd', body: { deviceId: `d${i}`, metadata: { i } } }));
}

describe('driveApi', () => {
  it('POSTs one activity per request to /useractivityvault/v1/useractivity/{activityName} with the bearer token', async () => {
    const f = fakeFetch(() => 202);
    const r = await driveApi({ baseUrl: 'http://collector:8080/', token: 'tok', events: events(4), fetchImpl: f.fetch });
    expect(r).toMatchObject({ eventsSent: 4, requests: 4, byStatus: { '202': 4 }, requestsByStatus: { '202': 4 }, stoppedBy: 'exhausted' });
    const urls = f.calls.map((c) => c.url).sort();
    expect(urls).toEqual([
      'http://collector:8080/useractivityvault/v1/useractivity/adDeliverd',
      'http://collector:8080/useractivityvault/v1/useractivity/adDeliverd',
      'http://collector:8080/useractivityvault/v1/useractivity/playbackHeartbeat',
      'http://collector:8080/useractivityvault/v1/useractivity/playbackHeartbeat',
    ]);
    for (const c of f.calls) {
      expect(c.method).toBe('POST');
      expect(c.headers['Authorization']).toBe('Bearer tok');
      expect(c.headers['Content-Type']).toBe('application/json');
    }
    expect(f.calls.map((c) => (c.body as { deviceId: string }).deviceId).sort()).toEqual(['d0', 'd1', 'd2', 'd3']);
  });

  it('sends batches as {"activities": [{activityName, ...body}]} to /useractivityvault/v1/useractivity', async () => {
    const f = fakeFetch(() => 200);
    const r = await driveApi({ baseUrl: 'http://c', token: null, events: events(5), mode: 'batch', batchSize: 2, fetchImpl: f.fetch });
    expect(r).toMatchObject({ eventsSent: 5, requests: 3, byStatus: { '200': 5 } });
    expect(f.calls.every((c) => c.url === 'http://c/useractivityvault/v1/useractivity')).toBe(true);
    expect(f.calls.every((c) => c.headers['Authorization'] === undefined)).toBe(true);
    const items = f.calls.flatMap((c) => (c.body as { activities: Array<Record<string, unknown>> }).activities);
    expect(items.map((i) => i['deviceId']).sort()).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
    expect(items.find((i) => i['deviceId'] === 'd1')).toEqual({ activityName: 'playbackHeartbeat', deviceId: 'd1', metadata: { i: 1 } });
  });

  it('counts events by status, network failures as error', async () => {
    const f = fakeFetch((_c, n) => (n === 2 ? 400 : n === 3 ? 'throw' : 503));
    const r = await driveApi({ baseUrl: 'http://c', token: 't', events: events(4), concurrency: 1, fetchImpl: f.fetch });
    expect(r.byStatus).toEqual({ '503': 2, '400': 1, error: 1 });
    expect(r.eventsSent).toBe(4);
  });

  it('stops after maxEvents, even on an endless stream', async () => {
    const f = fakeFetch(() => 202);
    const endless = simulateIter({ seed: 1, viewers: 3, startTime: Date.UTC(2024, 0, 1), durationMs: Infinity });
    const r = await driveApi({ baseUrl: 'http://c', token: 't', events: endless, maxEvents: 25, mode: 'batch', batchSize: 10, fetchImpl: f.fetch });
    expect(r.eventsSent).toBe(25);
    expect(r.requests).toBe(3);
    expect(r.stoppedBy).toBe('maxEvents');
  });

  it('paces requests at the chosen rate', async () => {
    const f = fakeFetch(() => 202);
    const t0 = Date.now();
    const r = await driveApi({ baseUrl: 'http://c', token: 't', events: events(11), ratePerSec: 100, fetchImpl: f.fetch });
    expect(r.eventsSent).toBe(11);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(95);
    const last = f.calls[f.calls.length - 1] as Call;
    expect(last.at - t0).toBeGreaterThanOrEqual(95);
  });

  it('stops taking events at maxDurationMs', async () => {
    const f = fakeFetch(() => 202);
    const endless = simulateIter({ seed: 2, viewers: 3, startTime: Date.UTC(2024, 0, 1), durationMs: Infinity });
    const t0 = Date.now();
    const r = await driveApi({ baseUrl: 'http://c', token: 't', events: endless, ratePerSec: 200, maxDurationMs: 150, fetchImpl: f.fetch });
    expect(r.stoppedBy).toBe('maxDuration');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.eventsSent).toBeGreaterThan(10);
    expect(r.eventsSent).toBeLessThanOrEqual(31);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const f = fakeFetch(() => 202, 20);
    const r = await driveApi({ baseUrl: 'http://c', token: 't', events: events(12), concurrency: 3, fetchImpl: f.fetch });
    expect(r.eventsSent).toBe(12);
    expect(f.maxInFlight()).toBe(3);
  });

  it('follows the events own rhythm in realtime mode', async () => {
    const f = fakeFetch(() => 202);
    const evs: SimEvent[] = [0, 60, 120].map((dt, i) => ({ at: 5000 + dt, activityName: 'a', body: { i } }));
    const t0 = Date.now();
    await driveApi({ baseUrl: 'http://c', token: 't', events: evs, realtime: true, fetchImpl: f.fetch });
    const offsets = f.calls.map((c) => c.at - t0);
    expect(offsets[0]).toBeLessThan(50);
    expect(offsets[2]).toBeGreaterThanOrEqual(115);
  });

  it('stops when aborted', async () => {
    const f = fakeFetch(() => 202);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const endless = simulateIter({ seed: 3, viewers: 2, startTime: Date.UTC(2024, 0, 1), durationMs: Infinity });
    const r = await driveApi({ baseUrl: 'http://c', token: 't', events: endless, ratePerSec: 100, signal: ac.signal, fetchImpl: f.fetch });
    expect(r.stoppedBy).toBe('aborted');
    expect(r.eventsSent).toBeLessThan(20);
  });
});
