/**
 * One simulated playback session (one playbackSessionId): the attempt (watch, startup, or an exit
 * or error before start), then playback walked in wall-clock time with heartbeats and player metrics
 * every interval, and at most one incident per interval (pause, seek, stall, bitrate switch, ad
 * break, fatal error), until the viewer stops, the live programme changes or the simulation ends.
 *
 * Player counters in playback_metrics (bytesDownloaded, droppedVideoFrames, totalVideoFrames,
 * stallCount, stallDurationMs) are cumulative over the playback session.
 */
import { BITRATE_LADDER } from './catalogue.ts';
import type { Content } from './catalogue.ts';
import type { Rng } from '../runtime/seeded-rng.ts';
import type { SessionEndReason, SessionOutcome, SimRates, SimSessionTruth } from './sim-types.ts';
import { contentMetadata } from './viewer-profile.ts';
import type { Viewer } from './viewer-profile.ts';

export type Emit = (at: number, activityName: string, metadata: Record<string, unknown>) => void;

export interface SessionInput {
  rng: Rng;
  viewer: Viewer;
  appSessionId: string;
  content: Content;
  startAt: number;
  /** user: watch, then startup; continuation: a live programme change, playbackStart at once. */
  start: 'user' | 'continuation';
  /** Play time the viewer wants, ms. */
  budgetMs: number;
  heartbeatMs: number;
  simEnd: number;
  rates: SimRates;
  emit: Emit;
}

export interface SessionResult {
  /** Time of the session's last event. */
  endAt: number;
  /** Play time used, ms. */
  playedMs: number;
  /** The live programme ended while the viewer was still watching: continue on the same channel. */
  continueLive: boolean;
  truth: SimSessionTruth;
}

const PRE_START_ERRORS: readonly (readonly [string, string])[] = [
  ['DRM-1001', 'License request failed'],
  ['NET-2004', 'Manifest could not be loaded'],
  ['PLY-3002', 'Unsupported codec'],
  ['ENT-4003', 'Content not entitled'],
];
const PLAYBACK_ERRORS: readonly (readonly [string, string])[] = [
  ['NET-2101', 'Segment download failed after retries'],
  ['PLY-3105', 'Decoder error'],
  ['DRM-1102', 'License expired during playback'],
];
const AD_SUPPLIERS = ['adsupplier-a', 'adsupplier-b', 'adsupplier-c'];

type Incident = 'pause' | 'seek' | 'stall' | 'switch' | 'ad' | 'error';

function perInterval(ratePerMinute: number, intervalMs: number): number {
  return 1 - Math.exp((-ratePerMinute * intervalMs) / 60_000);
}

const r1 = (x: number): number => Math.round(x * 10) / 10;
const r3 = (x: number): number => Math.round(x * 1000) / 1000;

export function playbackSession(inp: SessionInput): SessionResult {
  const { rng, content: c, heartbeatMs: H, rates, emit, simEnd, viewer } = inp;
  const psid = rng.uuid();
  const base = (): Record<string, unknown> => contentMetadata(viewer, inp.appSessionId, psid, c);
  const isLive = c.contentType === 'live-event';
  let t = inp.startAt;
  let lastAt = t;
  let pos = c.startPositionSec;
  let played = 0;
  let bytes = 0;
  let frames = 0;
  let dropRatio = 0;
  const truth: SimSessionTruth = {
    playbackSessionId: psid,
    appSessionId: inp.appSessionId,
    deviceId: viewer.deviceId,
    contentType: c.contentType,
    editorialId: c.editorialId,
    programmeId: c.programmeId,
    attemptAt: t,
    startedAt: null,
    endedAt: t,
    outcome: 'played',
    endReason: 'none',
    startupMs: null,
    playMs: 0,
    pausedMs: 0,
    stallMs: 0,
    stallCount: 0,
    bitrateSwitches: 0,
    bytesDownloaded: 0,
    droppedFrames: 0,
    totalFrames: 0,
  };
  const send = (at: number, name: string, m: Record<string, unknown>): void => {
    if (at >= simEnd) return;
    emit(at, name, m);
    lastAt = Math.max(lastAt, at);
  };
  const finish = (outcome: SessionOutcome, endReason: SessionEndReason, playedMs: number, continueLive = false): SessionResult => {
    truth.outcome = outcome;
    truth.endReason = endReason;
    truth.endedAt = lastAt;
    truth.playMs = playedMs;
    truth.bytesDownloaded = Math.round(bytes);
    truth.totalFrames = Math.round(frames);
    truth.droppedFrames = Math.round(frames * dropRatio);
    return { endAt: Math.max(lastAt, t), playedMs, continueLive, truth };
  };

  // Attempt.
  if (inp.start === 'user') {
    send(t, 'watch', base());
    const r = rng.next();
    if (r < rates.exitBeforeStart) {
      t += rng.int(1000, 6000);
      send(t, 'playbackStop', { ...base(), playbackProgress: r3(pos) });
      return finish('ebvs', t < simEnd ? 'stop' : 'cut-off', 0);
    }
    if (r < rates.exitBeforeStart + rates.errorBeforeStart) {
      t += rng.int(800, 10_000);
      const [code, msg] = rng.pick(PRE_START_ERRORS);
      send(t, 'playerError', { ...base(), errorCode: code, errorMsg: msg, playerTypeVersion: viewer.playerTypeVersion });
      let reason: SessionEndReason = 'none';
      if (rng.chance(0.6)) {
        t += 300;
        send(t, 'playbackStop', { ...base(), playbackProgress: r3(pos) });
        reason = 'stop';
      }
      return finish('vsf', t < simEnd ? reason : 'cut-off', 0);
    }
    const slow = rng.chance(0.05);
    const ttvs = Math.round(350 + 2500 * rng.next() ** 2 + (slow ? rng.int(3000, 12_000) : 0));
    t += ttvs;
    truth.startupMs = ttvs;
  }
  if (t >= simEnd) return finish('played', 'cut-off', 0);

  let rung = Math.min(BITRATE_LADDER.length - 1, rng.int(1, 4));
  const bitrate = (): number => BITRATE_LADDER[rung] as number;
  const startMeta: Record<string, unknown> = { ...base(), playbackProgress: r3(pos), selectedBitrate: bitrate() };
  if (truth.startupMs !== null) startMeta['timeToVideoStart'] = truth.startupMs;
  send(t, 'playbackStart', startMeta);
  truth.startedAt = t;

  dropRatio = rng.chance(0.2) ? rng.float(0.002, 0.02) : rng.float(0, 0.002);
  let changedTo: number | null = null;
  let bitrateSum = 0;
  let bitrateMs = 0;

  const play = (dt: number): void => {
    if (dt <= 0) return;
    pos += dt / 1000;
    played += dt;
    bytes += (bitrate() * dt) / 8000;
    frames += (25 * dt) / 1000;
    bitrateSum += bitrate() * dt;
    bitrateMs += dt;
  };
  const tick = (at: number): void => {
    send(at, 'playbackHeartbeat', { ...base(), playbackProgress: r3(pos) });
    const m: Record<string, unknown> = {
      ...base(),
      playbackProgress: r3(pos),
      selectedBitrate: bitrate(),
      streamBitrate: Math.round(bitrate() * rng.float(0.92, 1)),
      availableBitrates: [...BITRATE_LADDER],
      bytesDownloaded: Math.round(bytes),
      downloadBitRate: Math.round(bitrate() * rng.float(1.2, 3)),
      downloadBitrateAverage: Math.round(bitrateMs > 0 ? bitrateSum / bitrateMs : bitrate()),
      bufferedDuration: r1(rng.float(4, 30)),
      droppedVideoFrames: Math.round(frames * dropRatio),
      totalVideoFrames: Math.round(frames),
      stallCount: truth.stallCount,
      stallDurationMs: truth.stallMs,
      uri: c.uri,
    };
    if (changedTo !== null) m['selectedBitrateChanged'] = changedTo;
    changedTo = null;
    send(at, 'playback_metrics', m);
  };

  const pInt = {
    error: perInterval(rates.fatalErrorPerMinute, H),
    pause: isLive ? 0 : perInterval(rates.pausePerMinute, H),
    seek: isLive ? 0 : perInterval(rates.seekPerMinute, H),
    stall: perInterval(rates.stallPerMinute, H),
    switch: perInterval(rates.bitrateSwitchPerMinute, H),
    ad: perInterval(rates.adBreakPerMinute, H),
  };
  const drawIncident = (): Incident | null => {
    let r = rng.next();
    for (const k of ['error', 'pause', 'seek', 'stall', 'switch', 'ad'] as const) {
      if (r < pInt[k]) return k;
      r -= pInt[k];
    }
    return null;
  };

  let nextTick = t + H;
  let incident: Incident | null = null;
  let incidentAt = Infinity;
  const plan = (from: number, to: number): void => {
    incident = drawIncident();
    incidentAt = incident === null ? Infinity : Math.round(from + rng.float(0.1, 0.9) * (to - from));
  };
  const liveEnd = c.programmeEndMs ?? Infinity;
  // A holder, not a let: TypeScript does not see the closure's writes and would narrow a let to null.
  const pending: { adEnd: { at: number; name: string; meta: Record<string, unknown> } | null } = { adEnd: null };
  const adBreak = (): void => {
    const meta = { ...base(), adId: `ad-${rng.hex(10)}`, adSupplier: rng.pick(AD_SUPPLIERS), position: r3(pos) };
    send(t, 'adDelivered', meta);
    const skip = rng.chance(rates.adSkip);
    pending.adEnd = { at: t + (skip ? rng.int(5000, 10_000) : rng.pick([15_000, 20_000, 30_000])), name: skip ? 'adSkipped' : 'adWatched', meta };
  };

  if (!isLive && rng.chance(rates.preroll)) adBreak();
  plan(t, nextTick);

  for (;;) {
    if (t >= simEnd) return finish('played', 'cut-off', played);
    // Never backwards: an ad may have ended during a pause or stall that moved t past it.
    const target = Math.max(t, Math.min(nextTick, t + (inp.budgetMs - played), incidentAt, liveEnd, pending.adEnd?.at ?? Infinity, simEnd));
    play(target - t);
    t = target;
    if (t >= simEnd) return finish('played', 'cut-off', played);
    const ad = pending.adEnd;
    if (ad !== null && t >= ad.at) {
      send(t, ad.name, ad.meta);
      pending.adEnd = null;
    }
    if (t >= liveEnd) return finish('played', 'new-session', played, played < inp.budgetMs);
    if (played >= inp.budgetMs) {
      send(t, 'playbackStop', { ...base(), playbackProgress: r3(pos) });
      return finish('played', 'stop', played);
    }
    if (t >= incidentAt) {
      const what = incident as Incident | null;
      incidentAt = Infinity;
      incident = null;
      if (what === 'error') {
        const [code, msg] = rng.pick(PLAYBACK_ERRORS);
        send(t, 'playerError', { ...base(), errorCode: code, errorMsg: msg, playerTypeVersion: viewer.playerTypeVersion, playbackProgress: r3(pos) });
        if (rng.chance(0.7)) {
          t += 500;
          send(t, 'playbackStop', { ...base(), playbackProgress: r3(pos) });
        }
        return finish('vpf', t < simEnd ? 'error' : 'cut-off', played);
      } else if (what === 'pause') {
        send(t, 'playbackPause', { ...base(), playbackProgress: r3(pos) });
        const resumeAt = Math.min(t + rng.int(5000, 180_000), simEnd);
        truth.pausedMs += resumeAt - t;
        t = resumeAt;
        while (nextTick <= t) nextTick += H;
        if (t >= simEnd) return finish('played', 'cut-off', played);
        // Playback resumes: the next heartbeat reports progress again (the seed has no resume activity).
        send(t, 'playbackHeartbeat', { ...base(), playbackProgress: r3(pos) });
        plan(t, nextTick);
      } else if (what === 'seek') {
        const back = pos > 60 && rng.chance(0.35);
        const to = back ? Math.max(0, pos - rng.int(10, 300)) : Math.min(c.durationSec - 5, pos + rng.int(10, 300));
        // Near the end of the content there is nothing to skip ahead to.
        if (back ? to < pos : to > pos) {
          send(t, back ? 'playbackSkipBack' : 'playbackSkipAhead', { ...base(), position: r3(pos), playbackProgress: r3(to) });
          pos = to;
        }
      } else if (what === 'stall') {
        const stallEnd = Math.min(t + rng.int(500, 8000), liveEnd, simEnd);
        truth.stallCount += 1;
        truth.stallMs += stallEnd - t;
        while (nextTick <= stallEnd) {
          tick(nextTick);
          nextTick += H;
        }
        t = stallEnd;
        if (t >= simEnd) return finish('played', 'cut-off', played);
        if (t >= liveEnd) return finish('played', 'new-session', played, played < inp.budgetMs);
        plan(t, nextTick);
        continue;
      } else if (what === 'switch') {
        const up = rung === 0 || (rung < BITRATE_LADDER.length - 1 && rng.chance(0.5));
        rung += up ? 1 : -1;
        changedTo = bitrate();
        truth.bitrateSwitches += 1;
      } else if (what === 'ad') {
        if (pending.adEnd === null) adBreak();
      }
    }
    if (t >= nextTick) {
      tick(t);
      nextTick += H;
      plan(t, nextTick);
    }
  }
}
