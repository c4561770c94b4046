import { describe, it, expect } from 'vitest';
import { simulate, simulateIter } from '../../../services/simulator/simulate.ts';
import type { SimEvent, SimSessionTruth, SimulateOptions } from '../../../services/simulator/simulate.ts';
import { validateActivity } from '../../../services/collector/validate-activity.ts';
import type { NormalizedActivity } from '../../../services/collector/validate-activity.ts';
import { KNOWN_ACTIVITIES } from '../../../services/collector/activity-names.ts';

const START = Date.UTC(2024, 4, 1, 18, 0, 0);
const H = 60_000;
const BASE: SimulateOptions = { seed: 20240501, viewers: 120, startTime: START, durationMs: 2 * 3600_000, heartbeatIntervalMs: H };

const truths: SimSessionTruth[] = [];
const events = simulate({ ...BASE, onSession: (t) => truths.push(t) });
const normalized: NormalizedActivity[] = events.map((e) => {
  const r = validateActivity(e.activityName, e.body);
  if (!r.ok) throw new Error(`invalid simulated ${e.activityName}: ${JSON.stringify(r.errors)} ${JSON.stringify(e.body)}`);
  return r.activity;
});

function byPlaybackSession(): Map<string, Array<{ e: SimEvent; a: NormalizedActivity }>> {
  const m = new Map<string, Array<{ e: SimEvent; a: NormalizedActivity }>>();
  events.forEach((e, i) => {
    const a = normalized[i] as NormalizedActivity;
    if (a.playbackSessionId === null) return;
    const list = m.get(a.playbackSessionId) ?? [];
    list.push({ e, a });
    m.set(a.playbackSessionId, list);
  });
  return m;
}

describe('simulate: determinism', () => {
  it('gives identical output for the same options', () => {
    const again = simulate(BASE);
    expect(again.length).toBe(events.length);
    expect(JSON.stringify(again)).toBe(JSON.stringify(events));
  });

  it('gives different output for a different seed', () => {
    const other = simulate({ ...BASE, seed: BASE.seed + 1 });
    expect(JSON.stringify(other.slice(0, 200))).not.toBe(JSON.stringify(events.slice(0, 200)));
  });

  it('keeps a viewer identical when others are added (independent streams)', () => {
    const small = simulate({ ...BASE, viewers: 3 });
    const devices = new Set(small.map((e) => e.body['deviceId']));
    const same = events.filter((e) => devices.has(e.body['deviceId']));
    expect(JSON.stringify(same)).toBe(JSON.stringify(small));
  });

  it('lazily yields the same stream, and runs endlessly', () => {
    const it1 = simulateIter(BASE);
    const first = Array.from({ length: 500 }, () => it1.next().value);
    expect(JSON.stringify(first)).toBe(JSON.stringify(events.slice(0, 500)));
    let n = 0;
    let last = 0;
    for (const e of simulateIter({ ...BASE, viewers: 5, durationMs: Infinity })) {
      expect(e.at).toBeGreaterThanOrEqual(last);
      last = e.at;
      if (++n >= 5000) break;
    }
    expect(n).toBe(5000);
    expect(last).toBeGreaterThan(START + 2 * 3600_000);
  });

  it('refuses bad options', () => {
    expect(() => simulate({ ...BASE, durationMs: Infinity })).toThrow(RangeError);
    expect(() => simulate({ ...BASE, seed: 1.5 })).toThrow(RangeError);
    expect(() => simulate({ ...BASE, viewers: -1 })).toThrow(RangeError);
    expect(() => simulate({ ...BASE, heartbeatIntervalMs: 10 })).toThrow(RangeError);
  });
});

describe('simulate: validity and shape', () => {
  it('generates thousands of events, every one valid for validateActivity', () => {
    expect(events.length).toBeGreaterThan(10_000);
    expect(normalized).toHaveLength(events.length);
  });

  it('is in time order within the simulated period, with activityDateTime = at', () => {
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as SimEvent;
      expect(e.at).toBeGreaterThanOrEqual(START);
      expect(e.at).toBeLessThan(START + BASE.durationMs);
      if (i > 0) expect(e.at).toBeGreaterThanOrEqual((events[i - 1] as SimEvent).at);
      expect(normalized[i]?.activityDateTimeMs).toBe(e.at);
    }
  });

  it('covers the client behaviour of the seeds', () => {
    const names = new Set(events.map((e) => e.activityName));
    for (const n of ['appStart', 'appEnd', 'privacyPolicy', 'watch', 'playbackStart', 'playbackHeartbeat', 'playback_metrics', 'playbackPause', 'playbackSkipAhead', 'playbackSkipBack', 'playerError', 'adDelivered', 'adWatched', 'adSkipped', 'playbackStop', 'railView', 'railSelection']) {
      expect(names, n).toContain(n);
    }
    for (const n of names) expect(KNOWN_ACTIVITIES, n).toContain(n);
    const types = new Set(normalized.map((a) => a.metadata.contentType).filter((t) => t !== null));
    expect([...types].sort()).toEqual(['D2G', 'live-event', 'live-stcu-event', 'ltcu', 'npvr-event', 'start-over', 'vod-ed']);
  });

  it('uses both seed spellings and custom metadata', () => {
    expect(events.some((e) => 'editorialID' in ((e.body['metadata'] as Record<string, unknown>) ?? {}))).toBe(true);
    expect(events.some((e) => 'editorialId' in ((e.body['metadata'] as Record<string, unknown>) ?? {}))).toBe(true);
    expect(normalized.some((a) => a.customMetadata['networkType'] !== undefined)).toBe(true);
  });

  it('reports startup time with playbackStart after watch', () => {
    const starts = normalized.filter((a) => a.activityName === 'playbackStart' && a.metadata.timeToVideoStart !== null);
    expect(starts.length).toBeGreaterThan(100);
    for (const s of starts) expect(s.metadata.timeToVideoStart).toBeGreaterThanOrEqual(350);
    for (const [, list] of byPlaybackSession()) {
      const start = list.find((x) => x.a.activityName === 'playbackStart');
      const watch = list.find((x) => x.a.activityName === 'watch');
      if (start && watch && start.a.metadata.timeToVideoStart !== null) expect(start.e.at - watch.e.at).toBe(start.a.metadata.timeToVideoStart);
    }
  });

  it('keeps one content per playback session and a new playbackSessionId when the content changes', () => {
    for (const [psid, list] of byPlaybackSession()) {
      const contents = new Set(list.filter((x) => x.a.metadata.contentType !== null).map((x) => `${x.a.metadata.contentType}|${x.a.metadata.editorialId}|${x.a.metadata.programmeId}`));
      expect(contents.size, psid).toBe(1);
      const appSessions = new Set(list.map((x) => x.a.appSessionId));
      expect(appSessions.size).toBe(1);
    }
    // A live programme change inside one app session: the same channel, a new programme, a new playbackSessionId.
    const changes = truths.filter((t) => t.endReason === 'new-session');
    expect(changes.length).toBeGreaterThan(5);
    let followed = 0;
    for (const t of changes) {
      const later = truths.filter((u) => u.appSessionId === t.appSessionId && u.attemptAt >= t.endedAt && u.playbackSessionId !== t.playbackSessionId);
      const next = later.sort((a, b) => a.attemptAt - b.attemptAt)[0];
      if (next === undefined) continue; // the simulation ended at the boundary
      followed++;
      expect(next.editorialId).toBe(t.editorialId);
      expect(next.programmeId).not.toBe(t.programmeId);
      expect(next.startupMs).toBeNull();
    }
    expect(followed).toBeGreaterThan(5);
  });

  it('sends heartbeats and player metrics every interval while playing', () => {
    let checked = 0;
    for (const [, list] of byPlaybackSession()) {
      const metrics = list.filter((x) => x.a.activityName === 'playback_metrics').map((x) => x.e.at);
      for (let i = 1; i < metrics.length; i++) {
        const gap = (metrics[i] as number) - (metrics[i - 1] as number);
        expect(gap % H, `gap ${gap}`).toBe(0);
        checked++;
      }
      const beats = list.filter((x) => x.a.activityName === 'playbackHeartbeat').length;
      expect(beats).toBeGreaterThanOrEqual(metrics.length);
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('reports cumulative counters that never go down within a session, with stalls and bitrate changes', () => {
    let stalls = 0;
    let changes = 0;
    for (const [, list] of byPlaybackSession()) {
      let bytes = 0;
      let frames = 0;
      let stallCount = 0;
      for (const { a } of list) {
        if (a.activityName !== 'playback_metrics') continue;
        const m = a.metadata;
        expect(m.bytesDownloaded).toBeGreaterThanOrEqual(bytes);
        expect(m.totalVideoFrames).toBeGreaterThanOrEqual(frames);
        expect(m.stallCount).toBeGreaterThanOrEqual(stallCount);
        expect(m.droppedVideoFrames).toBeLessThanOrEqual(m.totalVideoFrames as number);
        bytes = m.bytesDownloaded as number;
        frames = m.totalVideoFrames as number;
        stallCount = m.stallCount as number;
        if (m.selectedBitrateChanged !== null) changes++;
      }
      stalls += stallCount;
    }
    expect(stalls).toBeGreaterThan(20);
    expect(changes).toBeGreaterThan(20);
  });

  it('has player errors both before start (VSF) and after start (VPF), and exits before start (EBVS)', () => {
    const outcomes = new Set(truths.map((t) => t.outcome));
    expect([...outcomes].sort()).toEqual(['ebvs', 'played', 'vpf', 'vsf']);
    const sessions = byPlaybackSession();
    for (const t of truths.filter((x) => x.outcome === 'vsf' || x.outcome === 'vpf')) {
      const list = sessions.get(t.playbackSessionId) ?? [];
      const names = list.map((x) => x.a.activityName);
      expect(names).toContain('playerError');
      expect(names.includes('playbackStart')).toBe(t.outcome === 'vpf');
      expect(list.find((x) => x.a.activityName === 'playerError')?.a.metadata.errorCode).toBeTruthy();
    }
    for (const t of truths.filter((x) => x.outcome === 'ebvs' && x.endReason === 'stop')) {
      const names = (sessions.get(t.playbackSessionId) ?? []).map((x) => x.a.activityName);
      expect(names).toEqual(['watch', 'playbackStop']);
    }
  });

  it('pairs each watched or skipped ad with an earlier adDelivered', () => {
    const sessions = byPlaybackSession();
    let ends = 0;
    for (const [, list] of sessions) {
      const delivered = new Set(list.filter((x) => x.a.activityName === 'adDelivered').map((x) => x.a.metadata.adId));
      for (const x of list.filter((y) => y.a.activityName === 'adWatched' || y.a.activityName === 'adSkipped')) {
        expect(delivered.has(x.a.metadata.adId)).toBe(true);
        ends++;
      }
    }
    expect(ends).toBeGreaterThan(50);
  });

  it('pauses then resumes with a heartbeat at the paused position', () => {
    const sessions = byPlaybackSession();
    let pauses = 0;
    for (const [, list] of sessions) {
      list.forEach((x, i) => {
        if (x.a.activityName !== 'playbackPause') return;
        const next = list[i + 1];
        if (next === undefined) return;
        pauses++;
        expect(next.a.activityName).toBe('playbackHeartbeat');
        expect(next.a.metadata.playbackProgress).toBe(x.a.metadata.playbackProgress);
        expect(next.e.at).toBeGreaterThan(x.e.at);
      });
    }
    expect(pauses).toBeGreaterThan(20);
  });

  it('reports skips with their start (position) and end (playbackProgress)', () => {
    for (const a of normalized.filter((x) => x.activityName === 'playbackSkipAhead')) expect(a.metadata.playbackProgress).toBeGreaterThanOrEqual(a.metadata.position as number);
    for (const a of normalized.filter((x) => x.activityName === 'playbackSkipBack')) expect(a.metadata.playbackProgress).toBeLessThan(a.metadata.position as number);
  });

  it('wraps activity in app sessions that start with appStart', () => {
    const firstOf = new Map<string, string>();
    for (const a of normalized) if (a.appSessionId !== null && !firstOf.has(a.appSessionId)) firstOf.set(a.appSessionId, a.activityName);
    for (const [, name] of firstOf) expect(name).toBe('appStart');
  });

  it('sends client event ids, unique, unless disabled', () => {
    const ids = normalized.map((a) => a.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    const noIds = simulate({ ...BASE, viewers: 5, clientEventIds: false });
    expect(noIds.every((e) => !('eventId' in e.body))).toBe(true);
  });

  it('tells the truth of each session consistently with its events', () => {
    const sessions = byPlaybackSession();
    for (const t of truths) {
      const list = sessions.get(t.playbackSessionId);
      if (list === undefined) continue; // an attempt cut off before its first event
      expect(t.playMs).toBeGreaterThanOrEqual(0);
      expect(t.endedAt).toBe(Math.max(...list.map((x) => x.e.at)));
      if (t.startedAt !== null) expect(list.some((x) => x.a.activityName === 'playbackStart' && x.e.at === t.startedAt)).toBe(true);
    }
  });
});
