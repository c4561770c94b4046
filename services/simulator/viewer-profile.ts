/**
 * A simulated viewer: one device of one account, its app and player, its clock and its habits
 * (field spellings, custom metadata). Builds request bodies the way that client would.
 */
import type { ContentSource } from '../collector/content-rules.ts';
import type { Content } from './catalogue.ts';
import type { Rng } from '../runtime/seeded-rng.ts';
import type { SimRates } from './sim-types.ts';

export interface Viewer {
  index: number;
  accountId: string;
  userId: string;
  deviceId: string;
  deviceType: string;
  appName: string;
  appVersion: string;
  sdkVersion: string;
  playerTypeVersion: string;
  contentSource: ContentSource;
  /** Device clock minus true time (clientLoggedDateTime). */
  clockSkewMs: number;
  /** Sends seed 001 spellings and numbers as strings. */
  legacy: boolean;
  /** Custom metadata sent with playback activities, or null. */
  custom: Record<string, unknown> | null;
}

const DEVICES: readonly (readonly [string, number])[] = [
  ['STB', 35],
  ['SmartTV', 20],
  ['Android', 20],
  ['iOS', 15],
  ['Web', 10],
];

const PLAYERS: Record<string, readonly string[]> = {
  STB: ['opentv-player 5.4.1', 'opentv-player 5.5.0'],
  SmartTV: ['tizen-avplay 6.0', 'webos-media 4.2'],
  Android: ['exoplayer 2.19.1', 'media3 1.3.0'],
  iOS: ['avplayer 17.4', 'avplayer 17.5'],
  Web: ['shaka-player 4.7.11', 'hls.js 1.5.7'],
};

export function makeViewer(rng: Rng, index: number, appName: string, rates: SimRates, sharedAccountId: string | null): Viewer {
  const deviceType = rng.weighted(DEVICES);
  const legacy = rng.chance(rates.legacySpelling);
  return {
    index,
    accountId: sharedAccountId ?? rng.hex(24),
    userId: rng.chance(rates.anonymousUser) ? '' : `u-${rng.hex(12)}`,
    deviceId: rng.uuid(),
    deviceType,
    appName,
    appVersion: legacy ? rng.pick(['2.9.4', '3.0.1']) : rng.pick(['4.1.0', '4.2.0', '4.2.1']),
    sdkVersion: rng.pick(['1.8.0', '2.0.3']),
    playerTypeVersion: rng.pick(PLAYERS[deviceType] ?? ['generic 1.0']),
    contentSource: rng.chance(0.1) ? 'Blend' : deviceType === 'STB' ? 'IPTV' : 'OTT',
    clockSkewMs: rng.chance(0.3) ? rng.int(-120_000, 120_000) : rng.int(-500, 500),
    legacy,
    custom: rng.chance(rates.customMetadata) ? { networkType: rng.pick(['wifi', 'ethernet', '4g', '5g']), drmSystem: rng.pick(['widevine', 'playready', 'fairplay']) } : null,
  };
}

/** Seed 001 spellings of seed 002 metric names, as older clients send them. */
const LEGACY_NAMES: Readonly<Record<string, string>> = {
  editorialId: 'editorialID',
  playerTypeVersion: 'playerTypeversion',
  streamBitrate: 'Stream_Bitrate',
  selectedBitrate: 'Bitrate_selected',
  droppedVideoFrames: 'Dropped_Frames',
  totalVideoFrames: 'Total_Frames',
  bytesDownloaded: 'bytes_Downloaded',
  bufferedDuration: 'Buffer_Duration',
  playbackProgress: 'Playback_Progress',
  downloadBitrateAverage: 'avg_download_bitRate',
  availableBitrates: 'Available_Bitrate',
  uri: 'content_URI',
};

/** The request body of one activity. Metadata is written with the viewer's spellings. */
export function makeBody(v: Viewer, at: number, metadata: Record<string, unknown>, eventId: string | null): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (eventId !== null) body['eventId'] = eventId;
  body['accountId'] = v.accountId;
  body['userId'] = v.userId;
  body['deviceId'] = v.deviceId;
  body['key'] = '';
  body['activityDateTime'] = new Date(at).toISOString();
  body['clientLoggedDateTime'] = new Date(at + v.clockSkewMs).toISOString();
  body['appName'] = v.appName;
  body['appVersion'] = v.appVersion;
  body['deviceType'] = v.deviceType;
  body['SDKVersion'] = v.sdkVersion;
  body['metadata'] = v.legacy ? legacyMetadata(metadata) : metadata;
  return body;
}

function legacyMetadata(m: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(m)) {
    const name = LEGACY_NAMES[k] ?? k;
    if (typeof val === 'number' && k !== 'timeToVideoStart') out[name] = String(val);
    else if (Array.isArray(val)) out[name] = val.join(',');
    else out[name] = val;
  }
  return out;
}

/** Metadata identifying the content and the sessions, per seed 002 (live-event adds technicalId and programmeId). */
export function contentMetadata(v: Viewer, appSessionId: string, playbackSessionId: string, c: Content): Record<string, unknown> {
  const m: Record<string, unknown> = {
    appSessionId,
    playbackSessionId,
    contentSource: c.contentSource,
    contentType: c.contentType,
    editorialId: c.editorialId,
  };
  if (c.technicalId !== null) m['technicalId'] = c.technicalId;
  if (c.programmeId !== null) m['programmeId'] = c.programmeId;
  if (c.seriesId !== null) m['seriesId'] = c.seriesId;
  if (v.custom !== null) Object.assign(m, v.custom);
  return m;
}
