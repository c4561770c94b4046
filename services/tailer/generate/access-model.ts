/**
 * Deterministic podcast listening traffic, format-independent: listeners (IPv4 and
 * IPv6, some behind proxies, some bots by user agent) fetch episodes as whole-file GETs
 * or as byte-range sequences (often opening with a `bytes=0-1` probe), plus HEAD
 * requests and 304 revalidations; some players send CMCD query args. Requests come out
 * time-ordered across interleaved sessions; sessions are lazy (one pending request each),
 * so memory stays bounded and the stream can be endless.
 */
import { EventHeap } from './event-heap.ts';
import { Rng } from '../../runtime/seeded-rng.ts';

export interface AccessRequest {
  timeMs: number;
  /** Client IP as the server logged it (a proxy's when xff is set). */
  ip: string;
  /** Publisher-side hashed IP column (seed 004 Hashed-IP) when the IP is logged truncated. */
  hashedIp: string | null;
  xff: string | null;
  userAgent: string;
  method: 'GET' | 'HEAD';
  status: number;
  host: string;
  path: string;
  /** Encoded query string without '?', '' when none. */
  query: string;
  bytes: number;
  objectSize: number;
  rangeStart: number | null;
  rangeEnd: number | null;
  /** Whether the last byte of the object was served. */
  lastByte: boolean;
  referrer: string | null;
  durationMs: number;
  episodeGuid: string;
  podcastId: string;
  lsid: string | null;
  dev: string | null;
  bot: boolean;
}

export interface AccessModelOptions {
  readonly seed: number;
  /** First request time (ms). Default 2015-08-30T00:00:00Z. */
  readonly startMs?: number;
  /** Requests to produce. Default 1000; Infinity for an endless stream. */
  readonly requests?: number;
  /** Distinct listeners. Default 300. */
  readonly listeners?: number;
  /** Distinct episodes. Default 25. */
  readonly episodes?: number;
  /** Mean time between session starts (ms). Default 1500. */
  readonly meanSessionGapMs?: number;
  readonly botShare?: number;
  readonly ipv6Share?: number;
  readonly proxyShare?: number;
  readonly cmcdShare?: number;
  readonly headShare?: number;
  readonly notModifiedShare?: number;
  /** Share of logs that give a truncated IP plus a hashed-IP column. */
  readonly truncatedIpShare?: number;
}

interface Listener {
  ip: string;
  hashedIp: string | null;
  xff: string | null;
  userAgent: string;
  bot: boolean;
  ranged: boolean;
  cmcd: boolean;
  lsid: string | null;
  dev: string;
}

interface Episode {
  podcastId: string;
  guid: string;
  path: string;
  size: number;
  durationS: number;
}

const PLAYERS: ReadonlyArray<readonly [string, string, boolean]> = [
  // user agent, device, uses byte ranges
  ['AppleCoreMedia/1.0.0.19G82 (iPhone; U; CPU OS 15_6 like Mac OS X; en_us)', 'ios', true],
  ['Podcasts/1650.20 CFNetwork/1333.0.4 Darwin/21.5.0', 'ios', true],
  ['Spotify/8.7.48 Android/31 (SM-G991B)', 'android', true],
  ['Mozilla/5.0 (Linux; Android 12; Pixel 6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/108.0.0.0 Mobile Safari/537.36', 'android', true],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/108.0.0.0 Safari/537.36', 'desktop', true],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.1 Safari/605.1.15', 'desktop', true],
  ['Overcast/3.0 (+http://overcast.fm/; Apple Watch podcast app)', 'watch', false],
  ['PocketCasts/1.0 (Pocket Casts - https://www.pocketcasts.com/)', 'android', false],
  ['VLC/3.0.16 LibVLC/3.0.16', 'desktop', false],
  ['AmazonEchoPodcasts/1.0', 'smart-speaker', false],
];
const BOTS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'curl/7.68.0',
  'python-requests/2.28.1',
];
const REFERRERS = [null, null, null, 'https://www.example.com/podcasts/pine', 'https://podcasts.example.org/show/42'];
const CHUNK_SIZES = [65_536, 262_144, 1_048_576, 2_097_152];

function ipv4(rng: Rng): string {
  return `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

function ipv6(rng: Rng): string {
  const g = (): string => rng.int(0, 0xffff).toString(16);
  return `2001:db8:${g()}:${g()}:${g()}:${g()}:${g()}:${g()}`;
}

function cmcdQuery(rng: Rng, ep: Episode, sid: string, startup: boolean, bitrate: number): string {
  const parts = [`br=${bitrate}`, `bl=${rng.int(0, 300) * 100}`, `cid="${ep.guid}"`, `mtp=${rng.int(50, 250) * 100}`, 'ot=a', 'sf=o', `sid="${sid}"`, 'st=v'];
  if (startup) parts.push('su');
  if (rng.chance(0.1)) parts.push('bs');
  if (rng.chance(0.2)) parts.push('com.example-player="pp,1"');
  parts.sort();
  return 'CMCD=' + encodeURIComponent(parts.join(','));
}

export function* generateAccessRequests(opts: AccessModelOptions): Generator<AccessRequest> {
  const rng = new Rng(opts.seed);
  const startMs = opts.startMs ?? Date.UTC(2015, 7, 30, 0, 0, 0);
  const total = opts.requests ?? 1000;
  const gap = opts.meanSessionGapMs ?? 1500;
  const share = {
    bot: opts.botShare ?? 0.05,
    ipv6: opts.ipv6Share ?? 0.2,
    proxy: opts.proxyShare ?? 0.1,
    cmcd: opts.cmcdShare ?? 0.15,
    head: opts.headShare ?? 0.04,
    notModified: opts.notModifiedShare ?? 0.04,
    truncated: opts.truncatedIpShare ?? 0.1,
  };

  const episodes: Episode[] = [];
  const podcasts = ['pine', 'oak', 'birch', 'maple'];
  for (let i = 0; i < (opts.episodes ?? 25); i++) {
    const show = rng.pick(podcasts);
    const durationS = rng.int(30, 3600);
    const kbps = rng.pick([64, 96, 128]);
    const day = String(rng.int(1, 28)).padStart(2, '0');
    episodes.push({
      podcastId: show,
      guid: rng.uuid(),
      path: `/FolderABC/2018/02/201802${day}_${show}${String(i).padStart(4, '0')}.mp3`,
      size: Math.round((durationS * kbps * 1000) / 8) + rng.int(10_000, 200_000),
      durationS,
    });
  }
  const listeners: Listener[] = [];
  for (let i = 0; i < (opts.listeners ?? 300); i++) {
    const bot = rng.chance(share.bot);
    const player = rng.pick(PLAYERS);
    let ip = rng.chance(share.ipv6) ? ipv6(rng) : ipv4(rng);
    let hashedIp: string | null = null;
    if (!ip.includes(':') && rng.chance(share.truncated)) {
      hashedIp = rng.hex(32);
      ip = ip.replace(/\.\d+$/, '.0');
    }
    const proxied = rng.chance(share.proxy);
    listeners.push({
      ip: proxied ? `10.0.${rng.int(0, 3)}.${rng.int(1, 254)}` : ip,
      hashedIp,
      xff: proxied ? `${ip}, 10.0.0.1` : null,
      userAgent: bot ? rng.pick(BOTS) : player[0],
      bot,
      ranged: !bot && player[2],
      cmcd: !bot && rng.chance(share.cmcd),
      lsid: bot || rng.chance(0.5) ? null : `app-${rng.hex(16)}`,
      dev: player[1],
    });
  }

  interface Pending {
    req: AccessRequest;
    rest: Iterator<AccessRequest>;
  }
  const heap = new EventHeap<Pending>();
  let nextSessionAt = startMs;
  let produced = 0;

  /** One listening session, lazily: the heap holds one pending request per live session. */
  function* session(t0: number): Generator<AccessRequest> {
    const l = rng.pick(listeners);
    const ep = rng.pick(episodes);
    const referrer = rng.pick(REFERRERS);
    const make = (
      at: number, method: 'GET' | 'HEAD', status: number, query: string, bytes: number,
      rangeStart: number | null, rangeEnd: number | null, lastByte: boolean, durationMs: number,
    ): AccessRequest => ({
      timeMs: Math.floor(at), ip: l.ip, hashedIp: l.hashedIp, xff: l.xff, userAgent: l.userAgent, method, status,
      host: 'media.example.com', path: ep.path, query, bytes, objectSize: ep.size, rangeStart, rangeEnd, lastByte,
      referrer, durationMs, episodeGuid: ep.guid, podcastId: ep.podcastId, lsid: l.lsid, dev: l.bot ? null : l.dev, bot: l.bot,
    });
    const plain = rng.chance(0.3) ? `siteplayer=true&episode=${rng.int(100000, 999999)}` : '';
    const kind = rng.weighted<'head' | '304' | 'full' | 'ranges'>([
      ['head', share.head + (l.bot ? 0.3 : 0)],
      ['304', share.notModified],
      ['full', l.ranged ? 0.15 : 1],
      ['ranges', l.ranged ? 0.85 : 0],
    ]);
    if (kind === 'head') {
      yield make(t0, 'HEAD', 200, plain, 0, null, null, false, rng.int(1, 30));
      return;
    }
    if (kind === '304') {
      yield make(t0, 'GET', 304, plain, 0, null, null, false, rng.int(1, 30));
      return;
    }
    const listenedBytes = Math.min(ep.size, Math.round(ep.size * (rng.chance(0.4) ? 1 : rng.float())) + 2);
    if (kind === 'full') {
      const complete = listenedBytes >= ep.size;
      yield make(t0, 'GET', 200, plain, listenedBytes, null, null, complete, Math.round((listenedBytes / ep.size) * ep.durationS * 1000));
      return;
    }
    // ranged session: optional probe, then sequential ranges
    const sid = rng.uuid();
    const bitrate = Math.round((ep.size * 8) / ep.durationS / 1000);
    let t = t0;
    let first = true;
    const q = (startup: boolean): string => {
      const c = l.cmcd ? cmcdQuery(rng, ep, sid, startup, bitrate) : '';
      return plain && c ? `${plain}&${c}` : plain || c;
    };
    if (rng.chance(0.6)) {
      yield make(t, 'GET', 206, q(true), 2, 0, 1, false, rng.int(5, 80));
      t += rng.int(50, 800);
      first = false;
    }
    const chunk = rng.pick(CHUNK_SIZES);
    const speedUp = rng.pick([2, 8, 32, 64]);
    let pos = 0;
    while (pos < listenedBytes) {
      const end = Math.min(ep.size - 1, pos + chunk - 1);
      const n = end - pos + 1;
      yield make(t, 'GET', 206, q(first), n, pos, end, end === ep.size - 1, rng.int(20, 900));
      first = false;
      pos = end + 1;
      // the player fetches ahead, faster than real time
      t += ((n / ep.size) * ep.durationS * 1000) / speedUp;
    }
  }

  const schedule = (rest: Iterator<AccessRequest>): void => {
    const n = rest.next();
    if (n.done !== true) heap.push(n.value.timeMs, { req: n.value, rest });
  };

  while (produced < total) {
    if (heap.size > 0 && heap.peekTime() <= nextSessionAt) {
      const p = (heap.pop() as { value: Pending }).value;
      produced++;
      yield p.req;
      schedule(p.rest);
      continue;
    }
    schedule(session(nextSessionAt));
    nextSessionAt += rng.exp(gap);
  }
}
