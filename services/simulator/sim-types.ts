/** Types shared by the simulator's modules. */

/** One generated client request: when it happens, the activity (URL path) and the JSON body. */
export interface SimEvent {
  /** Wall-clock time of the request in ms since epoch (also the body's activityDateTime). */
  at: number;
  activityName: string;
  body: Record<string, unknown>;
}

/**
 * Behaviour rates. `…PerMinute` rates are per minute of playback and are turned into a
 * per-heartbeat-interval probability; the others are probabilities per occasion.
 */
export interface SimRates {
  /** Attempt ends (playbackStop) before the video starts, without error (EBVS). Per attempt. */
  exitBeforeStart: number;
  /** playerError before the video starts (VSF). Per attempt. */
  errorBeforeStart: number;
  /** Fatal playerError after start (VPF). */
  fatalErrorPerMinute: number;
  pausePerMinute: number;
  seekPerMinute: number;
  stallPerMinute: number;
  bitrateSwitchPerMinute: number;
  adBreakPerMinute: number;
  /** Pre-roll ad on a non-live session. */
  preroll: number;
  /** An ad is skipped (adSkipped) rather than watched (adWatched). */
  adSkip: number;
  /** Viewer sends seed 001 field spellings (editorialID, Stream_Bitrate, numbers as strings, ...). */
  legacySpelling: number;
  /** Viewer adds custom metadata keys (stored in customMetadata). */
  customMetadata: number;
  /** Viewer has no user id (userId ""). */
  anonymousUser: number;
}

export const DEFAULT_RATES: Readonly<SimRates> = Object.freeze({
  exitBeforeStart: 0.04,
  errorBeforeStart: 0.02,
  fatalErrorPerMinute: 0.002,
  pausePerMinute: 0.04,
  seekPerMinute: 0.04,
  stallPerMinute: 0.08,
  bitrateSwitchPerMinute: 0.2,
  adBreakPerMinute: 0.03,
  preroll: 0.3,
  adSkip: 0.3,
  legacySpelling: 0.2,
  customMetadata: 0.25,
  anonymousUser: 0.3,
});

export type SessionOutcome = 'played' | 'vsf' | 'ebvs' | 'vpf';
/** stop: playbackStop; error: playerError (+ maybe stop); new-session: live programme changed; cut-off: simulation ended; none: no end event. */
export type SessionEndReason = 'stop' | 'error' | 'new-session' | 'cut-off' | 'none';

/** What really happened in one playback session: a reference for QoE tests. */
export interface SimSessionTruth {
  playbackSessionId: string;
  appSessionId: string;
  deviceId: string;
  contentType: string;
  editorialId: string;
  programmeId: string | null;
  /** watch (user start) or playbackStart (continuation). */
  attemptAt: number;
  startedAt: number | null;
  /** Time of the last event of the session. */
  endedAt: number;
  outcome: SessionOutcome;
  endReason: SessionEndReason;
  /** timeToVideoStart sent with playbackStart (null for a live continuation). */
  startupMs: number | null;
  playMs: number;
  pausedMs: number;
  stallMs: number;
  stallCount: number;
  bitrateSwitches: number;
  bytesDownloaded: number;
  droppedFrames: number;
  totalFrames: number;
}

export interface SimulateOptions {
  seed: number;
  viewers: number;
  /** Start of the simulated period, ms since epoch. */
  startTime: number;
  /** Length of the simulated period; Infinity for an endless stream (simulateIter only). */
  durationMs: number;
  /** playbackHeartbeat and playback_metrics interval (default 60 000, as the seed recommends). */
  heartbeatIntervalMs?: number;
  /** appName sent by the clients (the tenant; default "demo"). */
  appName?: string;
  /** Clients send an eventId with each activity (default true). */
  clientEventIds?: boolean;
  /** Viewers arrive spread over this period from startTime (default min(durationMs, 10 min)). */
  arrivalSpreadMs?: number;
  rates?: Partial<SimRates>;
  /** Called with the truth of each playback session once it is generated. */
  onSession?: (truth: SimSessionTruth) => void;
}
