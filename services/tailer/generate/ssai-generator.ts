/**
 * Deterministic SSAI ad-tracking log lines in the shape of seed 003: viewer sessions
 * (live and VOD) with ad breaks. Per break: an AdRequest to the ad server (success,
 * ad-server errors, timeouts, sometimes a VAST wrapper chain), a Creative per ad (some
 * in error states), the SessionSummary plan (ads[] with imps[]), and Impression beacons
 * by quartile (some missing because the viewer left, some failed). Lines come out in
 * log order (time-ordered across interleaved sessions) with bounded memory, so the
 * iterable can be endless.
 */
import { EventHeap } from './event-heap.ts';
import { Rng } from '../../runtime/seeded-rng.ts';

export interface SsaiGeneratorOptions {
  readonly seed: number;
  /** Time of the first break (ms). Default 2021-06-28T23:00:00Z. */
  readonly startMs?: number;
  /** Ad breaks to generate (each viewer × break). Default 50; Infinity for an endless stream. */
  readonly breaks?: number;
  /** Mean time between break starts across all viewers (ms). Default 2000. */
  readonly meanBreakGapMs?: number;
  /** Viewer sessions alive at once. Default 20. */
  readonly concurrentSessions?: number;
  readonly accountId?: string;
  /** Share of VOD sessions (the rest are live). Default 0.3. */
  readonly vodShare?: number;
  /** ad_tracking_sample_percentage (seed 003): share of sessions logged, 0-100. Default 100. */
  readonly samplePercentage?: number;
  readonly adRequestErrorRate?: number;
  readonly adRequestTimeoutRate?: number;
  readonly wrapperRate?: number;
  readonly creativeErrorRate?: number;
  /** Per ad: the viewer leaves before the ad ends, so later beacons are missing. */
  readonly missingBeaconRate?: number;
  /** Per beacon: the beacon request fails (non-2xx). */
  readonly failedBeaconRate?: number;
}

const DEFAULT_START = Date.UTC(2021, 5, 28, 23, 0, 0);
const NS_PER_MS = 1_000_000;
const IMPRESSIONS = ['AdStart', 'AdFirstQuartile', 'AdMidpoint', 'AdThirdQuartile', 'AdComplete'] as const;
const TRACKING_EVENT: Record<string, string> = {
  AdStart: 'impression',
  AdFirstQuartile: 'firstQuartile',
  AdMidpoint: 'midpoint',
  AdThirdQuartile: 'thirdQuartile',
  AdComplete: 'complete',
};
const CREATIVE_ERRORS = ['missing_fk', 'missing_url', 'internal_error', 'no_title_id', 'title_metadata_error', 'rendition_mismatch'];
const PROVIDERS = ['vast_3', 'vast_4', 'vmap'];
const USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.1.1 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (SMART-TV; Linux; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/4.0 TV Safari/537.36',
  'AppleCoreMedia/1.0.0.20G75 (Apple TV; U; CPU OS 14_7 like Mac OS X; en_us)',
  'ExoPlayerLib/2.18.1 (Linux; Android 12) ',
];
const AD_SERVER_ERRORS = [500, 502, 503, 404, 400];
const BEACON_ERRORS = [404, 500, 503, 0];
const AD_REQUEST_TIMEOUT_NS = 5_000_000_000;

interface Viewer {
  sessionId: string;
  vod: boolean;
  liveJobId: string;
  liveAppId: string;
  videoId: string;
  titleId: string;
  userAgent: string;
  ip: string;
  breaksLeft: number;
  logged: boolean;
}

type Json = Record<string, unknown>;

function isoMs(ms: number): string {
  return new Date(Math.floor(ms)).toISOString();
}

/** RFC 3339 with nanoseconds, as the seed's AdRequest/Creative records. */
function isoNs(ms: number, rng: Rng): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  return `${iso.slice(0, 23)}${String(rng.int(0, 999999)).padStart(6, '0')}Z`;
}

/** JSON with span ids written as bare uint64 numbers (as in the seed), not strings. */
function render(obj: Json): string {
  let s = JSON.stringify(obj);
  for (const k of ['span_id', 'parent_span_id']) {
    const v = obj[k];
    if (typeof v === 'string') s = s.replace(`"${k}":"${v}"`, `"${k}":${v}`);
  }
  return s;
}

export function* generateSsaiLines(opts: SsaiGeneratorOptions): Generator<string> {
  const rng = new Rng(opts.seed);
  const startMs = opts.startMs ?? DEFAULT_START;
  const totalBreaks = opts.breaks ?? 50;
  const gap = opts.meanBreakGapMs ?? 2000;
  const poolSize = Math.max(1, opts.concurrentSessions ?? 20);
  const accountId = opts.accountId ?? '5100000201001';
  const liveAccountId = rng.hex(32);
  const liveJobs = [rng.hex(32), rng.hex(32)];
  const liveApps = [rng.hex(32), rng.hex(32)];
  const region = 'us-west-2';
  const p = {
    vod: opts.vodShare ?? 0.3,
    sample: (opts.samplePercentage ?? 100) / 100,
    reqError: opts.adRequestErrorRate ?? 0.05,
    reqTimeout: opts.adRequestTimeoutRate ?? 0.03,
    wrapper: opts.wrapperRate ?? 0.1,
    creativeError: opts.creativeErrorRate ?? 0.04,
    missing: opts.missingBeaconRate ?? 0.05,
    failed: opts.failedBeaconRate ?? 0.03,
  };

  const newViewer = (): Viewer => {
    const job = rng.int(0, liveJobs.length - 1);
    return {
      sessionId: rng.hex(32),
      vod: rng.chance(p.vod),
      liveJobId: liveJobs[job] as string,
      liveAppId: liveApps[job] as string,
      videoId: String(rng.int(6_000_000_000_000, 6_999_999_999_999)),
      titleId: rng.hex(32),
      userAgent: rng.pick(USER_AGENTS),
      ip: `${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
      breaksLeft: rng.int(1, 6),
      logged: rng.chance(p.sample),
    };
  };
  const pool: Viewer[] = [];
  for (let i = 0; i < poolSize; i++) pool.push(newViewer());

  const heap = new EventHeap<string>();
  let nextBreakAt = startMs;
  let breaksDone = 0;

  const scheduleBreak = (t0: number): void => {
    const idx = rng.int(0, pool.length - 1);
    const v = pool[idx] as Viewer;
    if (--v.breaksLeft <= 0) pool[idx] = newViewer();
    emitBreak(v, t0);
  };

  const emitBreak = (v: Viewer, t0: number): void => {
    const out = (at: number, obj: Json): void => {
      if (v.logged) heap.push(at, render(obj));
    };
    const breakKey = rng.hex(32);
    const adbreakId = `adBreak-${v.vod ? v.titleId : v.liveJobId}-${breakKey}`;
    const summaryId = v.vod ? v.sessionId : `${adbreakId}-${v.sessionId}`;
    const ids = v.vod
      ? { account_id: accountId, video_id: v.videoId, title_id: v.titleId }
      : { account_id: accountId, live_account_id: liveAccountId, live_job_id: v.liveJobId };
    const common = (): Json => ({ session_id: v.sessionId, summary_id: summaryId, adbreak_id: adbreakId, ...ids });

    // the ad request (possibly a VAST wrapper chain: an outer request, then the inner one)
    const outcome = rng.weighted<'ok' | 'error' | 'timeout'>([
      ['ok', 1 - p.reqError - p.reqTimeout],
      ['error', p.reqError],
      ['timeout', p.reqTimeout],
    ]);
    const wrapped = outcome === 'ok' && rng.chance(p.wrapper);
    let parentSpan = rng.uint63Text();
    let t = t0;
    const reqCount = wrapped ? 2 : 1;
    let requestNs = 0;
    for (let r = 0; r < reqCount; r++) {
      const span = rng.uint63Text();
      const last = r === reqCount - 1;
      const durNs =
        last && outcome === 'timeout'
          ? AD_REQUEST_TIMEOUT_NS
          : Math.round(rng.exp(250) * NS_PER_MS) + rng.int(20, 60) * NS_PER_MS;
      const status = !last || outcome === 'ok' ? 200 : outcome === 'timeout' ? 0 : rng.pick(AD_SERVER_ERRORS);
      const req: Json = {
        ...common(),
        kind: 'AdRequest',
        timestamp: isoNs(t, rng),
        span_id: span,
        parent_span_id: parentSpan,
        url: r === 0 ? 'https://ad-provider-host.com/path/to/ad-handler' : `https://wrapped-ad-host.com/vast/${rng.hex(8)}`,
        request_headers: {
          Referer: ['https://referer-host.com'],
          'User-Agent': [v.userAgent],
          'X-Forwarded-For': [v.ip],
        },
      };
      if (status !== 0) {
        req['response_headers'] = {
          'Content-Length': [String(rng.int(800, 4000))],
          'Content-Type': [status === 200 ? 'application/xml' : 'text/plain'],
          Date: [new Date(Math.floor(t)).toUTCString()],
          Server: ['AmazonS3'],
        };
      }
      req['status_code'] = status;
      req['duration'] = durNs;
      req['provider'] = rng.pick(PROVIDERS);
      if (status < 200 || status > 299) req['error'] = true;
      // logged when the request completes
      out(t + durNs / NS_PER_MS, req);
      parentSpan = span;
      requestNs += durNs;
      t += durNs / NS_PER_MS;
    }

    // the plan
    const odurS = rng.pick([30, 32, 60, 90, 120]);
    const joinedLate = !v.vod && rng.chance(0.15);
    const rdurS = joinedLate ? rng.int(10, odurS - 1) : odurS;
    const filled = outcome === 'ok';
    const wanted = filled ? rng.int(1, Math.max(1, Math.floor(rdurS / 15))) : 0;
    const ads: Array<{ fk: string; type: string; cdurNs: number }> = [];
    let creativeAt = t0 + rng.int(20, 80);
    for (let a = 0; a < wanted; a++) {
      const fk = `ad-id-${rng.int(1, 40)}`;
      const failed = rng.chance(p.creativeError);
      const creative: Json = {
        ...common(),
        kind: 'Creative',
        timestamp: isoNs(creativeAt, rng),
        span_id: rng.uint63Text(),
        parent_span_id: parentSpan,
        state: failed ? rng.pick(CREATIVE_ERRORS) : 'active',
        fk,
        source_url: `https://somesourceasset.com/${fk}.mp4`,
      };
      if (v.vod) creative['record_id'] = rng.hex(16);
      if (failed) creative['error'] = true;
      out(creativeAt, creative);
      creativeAt += rng.int(1, 10);
      if (!failed) {
        const cdurNs = rng.pick([15, 15, 30, 30, 30]) * 1_000_000_000 + rng.int(0, 400) * NS_PER_MS;
        ads.push({ fk, type: v.vod ? rng.pick(['preroll', 'midroll', 'postroll']) : 'midroll', cdurNs });
      }
    }
    const totalCdur = ads.reduce((s, a) => s + a.cdurNs, 0);
    const sdurNs = ads.length === 0 ? 0 : Math.ceil(totalCdur / 2e9) * 2e9;
    const summaryAt = t + rng.int(1, 20);
    const summary: Json = {
      account_id: accountId,
      session_id: v.sessionId,
      ...(v.vod ? { video_id: v.videoId, title_id: v.titleId } : { live_account_id: liveAccountId, live_job_id: v.liveJobId, live_app_id: v.liveAppId }),
      region,
      kind: 'SessionSummary',
      duration: Math.round(requestNs / NS_PER_MS) * NS_PER_MS,
      status_code: 200,
      timestamp: isoMs(summaryAt),
      adbreak_id: adbreakId,
      summary_id: summaryId,
      odur: odurS * 1_000_000_000,
      rdur: rdurS * 1_000_000_000,
      sdur: sdurNs,
      ad_count: ads.length,
      client_only_tracking: false,
      sls: false,
      ads: ads.map((a) => ({
        type: a.type,
        fk: a.fk,
        imps: IMPRESSIONS.map((type) => ({ type, url: `https://ad-provider-host.com/api/tracking?event=${TRACKING_EVENT[type]}` })),
        cdur: a.cdurNs,
      })),
    };
    out(summaryAt, summary);

    // beacons, by quartile of each ad; a viewer leaving drops the rest of the break
    let adStart = summaryAt + 2;
    for (const ad of ads) {
      const leavesAfter = rng.chance(p.missing) ? rng.int(0, IMPRESSIONS.length - 1) : IMPRESSIONS.length;
      for (let q = 0; q < IMPRESSIONS.length && q < leavesAfter; q++) {
        const type = IMPRESSIONS[q] as string;
        const at = adStart + (q * ad.cdurNs) / 4 / NS_PER_MS + rng.int(0, 3);
        const failedBeacon = rng.chance(p.failed);
        const status = failedBeacon ? rng.pick(BEACON_ERRORS) : 200;
        const imp: Json = {
          account_id: accountId,
          region,
          kind: 'Impression',
          impression_type: type,
          summary_id: summaryId,
          adbreak_id: adbreakId,
          ...(v.vod ? { video_id: v.videoId } : { live_account_id: liveAccountId, live_job_id: v.liveJobId }),
          session_id: v.sessionId,
          ...(v.vod ? {} : { live_app_id: v.liveAppId }),
          timestamp: isoMs(at),
          url: `https://ad-provider-host.com/api/tracking?event=${TRACKING_EVENT[type]}`,
          request_headers: {
            Connection: 'keep-alive',
            'X-Forwarded-For': v.ip,
            'User-Agent': v.userAgent,
            Referer: 'https://referer-host.com',
          },
          status_code: status,
          duration: rng.int(5, 150) * NS_PER_MS + rng.int(0, 999_999) + (rng.chance(0.8) ? rng.int(1, 99_999) / 1e8 : 0),
        };
        if (failedBeacon) imp['error'] = true;
        out(at, imp);
      }
      if (leavesAfter < IMPRESSIONS.length) break;
      adStart += ad.cdurNs / NS_PER_MS;
    }
  };

  for (;;) {
    if (heap.size > 0 && (breaksDone >= totalBreaks || heap.peekTime() <= nextBreakAt)) {
      yield (heap.pop() as { value: string }).value;
      continue;
    }
    if (breaksDone >= totalBreaks) return;
    scheduleBreak(nextBreakAt);
    breaksDone++;
    nextBreakAt += rng.exp(gap);
  }
}
