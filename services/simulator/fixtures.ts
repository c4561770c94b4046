/**
 * Handcrafted UAV request bodies shaped like the seeds' examples (seed 001 mandatory arguments,
 * seed 002 playback_metrics and playerError bodies per content type), valid and invalid, for tests
 * and manual calls.
 */
import type { ContentType } from '../collector/content-rules.ts';

export interface FixtureActivity {
  activityName: string;
  body: Record<string, unknown>;
}

export interface InvalidFixture {
  name: string;
  activityName: string;
  body: unknown;
  /** Errors validation must report (at least these). */
  expect: Array<{ field: string; rule: string }>;
}

/** Seed 001 mandatory arguments plus the usual top-level fields. */
export function envelope(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accountId: '60ab88ccb780b5233dfec9cd',
    userId: '',
    deviceId: 'd6c5b2a4-1f0e-4a43-9d57-0f4c2e3b9a10',
    key: '',
    activityDateTime: '2024-05-01T20:15:00Z',
    clientLoggedDateTime: '2024-05-01T20:15:01Z',
    appName: 'demo',
    appVersion: '4.2.0',
    deviceType: 'STB',
    ...overrides,
  };
}

const APP_SESSION = '3f1c1a9e-6a51-4b8e-9a5e-2f7a0f6f1c01';
const PLAYBACK_SESSION = '9b2d7c55-0e7d-4d0f-8a9b-64f0d4c7e802';

/** Content ids per seed 002 content type (live-event adds technicalId and programmeId). */
export const CONTENT_IDS: Readonly<Record<ContentType, Record<string, string>>> = {
  'live-event': { editorialId: 'ch-001', technicalId: 'tch-001-hd', programmeId: 'prg-ch-001-28585335' },
  'live-stcu-event': { editorialId: 'evt-5d1e2f3a' },
  'start-over': { editorialId: 'evt-77aa01bc' },
  ltcu: { editorialId: 'evt-0c9d8e7f' },
  'npvr-event': { editorialId: 'npvr-4411' },
  'vod-ed': { editorialId: 'vod-2b7ba603' },
  D2G: { editorialId: 'vod-91ce0d42' },
};

/** Player metrics with the seed 002 names. */
export const PLAYER_METRICS: Readonly<Record<string, unknown>> = {
  selectedBitrate: 3000000,
  availableBitrates: [800000, 1600000, 3000000, 5000000],
  bytesDownloaded: 22500000,
  downloadBitRate: 7400000,
  downloadBitrateAverage: 2950000,
  bufferedDuration: 18.5,
  streamBitrate: 2870000,
  droppedVideoFrames: 12,
  totalVideoFrames: 1500,
  uri: 'https://cdn.example.net/live/tch-001-hd/master.m3u8',
};

/** A seed 002 playback_metrics body for a content type. */
export function playbackMetricsBody(contentType: ContentType): Record<string, unknown> {
  return envelope({
    metadata: {
      appSessionId: APP_SESSION,
      playbackSessionId: PLAYBACK_SESSION,
      contentSource: 'OTT',
      contentType,
      ...CONTENT_IDS[contentType],
      playbackProgress: 1200,
      ...PLAYER_METRICS,
    },
  });
}

/** A seed 002 playerError body for a content type. */
export function playerErrorBody(contentType: ContentType): Record<string, unknown> {
  return envelope({
    metadata: {
      appSessionId: APP_SESSION,
      playbackSessionId: PLAYBACK_SESSION,
      contentSource: 'IPTV',
      contentType,
      ...CONTENT_IDS[contentType],
      errorCode: 'NET-2004',
      errorMsg: 'Manifest could not be loaded',
      playerTypeVersion: 'exoplayer 2.19.1',
    },
  });
}

export const VALID_ACTIVITIES: readonly FixtureActivity[] = [
  { activityName: 'appStart', body: envelope({ metadata: { appSessionId: APP_SESSION } }) },
  {
    activityName: 'privacyPolicy',
    body: envelope({ metadata: { policyType: 'Data Retention', policyShown: true, policyRead: false, policyConsentGiven: true, consentForTargettedAd: false } }),
  },
  {
    activityName: 'playbackStart',
    body: envelope({
      userId: 'u-42',
      metadata: { appSessionId: APP_SESSION, playbackSessionId: PLAYBACK_SESSION, contentSource: 'OTT', contentType: 'vod-ed', editorialId: 'vod-2b7ba603', playbackProgress: 0, timeToVideoStart: 1250 },
    }),
  },
  {
    activityName: 'playbackSkipAhead',
    body: envelope({ metadata: { appSessionId: APP_SESSION, playbackSessionId: PLAYBACK_SESSION, contentType: 'vod-ed', editorialId: 'vod-2b7ba603', position: 300, playbackProgress: 420 } }),
  },
  { activityName: 'scheduleRecording', body: envelope({ metadata: { appSessionId: APP_SESSION, programmeId: 'prg-ch-001-28585395' } }) },
  { activityName: 'deepLinkTriggered', body: envelope({ metadata: { appSessionId: APP_SESSION, deeplinkId: 'dl-0001', deeplinkProviderId: 'netflix' } }) },
  { activityName: 'railView', body: envelope({ metadata: { appSessionId: APP_SESSION, railId: 'rail-7', templateId: 'tpl-2', depth: '3' } }) },
  { activityName: 'adDeliverd', body: envelope({ metadata: { appSessionId: APP_SESSION, adID: 'ad-1', adSupplier: 'adsupplier-a' } }) },
  { activityName: 'myCustomActivity', body: envelope({ metadata: { anything: { nested: [1, 2] } } }) },
  ...(Object.keys(CONTENT_IDS) as ContentType[]).map((ct) => ({ activityName: 'playback_metrics', body: playbackMetricsBody(ct) })),
  ...(Object.keys(CONTENT_IDS) as ContentType[]).map((ct) => ({ activityName: 'playerError', body: playerErrorBody(ct) })),
];

function without(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...obj };
  delete copy[key];
  return copy;
}

export const INVALID_ACTIVITIES: readonly InvalidFixture[] = [
  { name: 'body is an array', activityName: 'appStart', body: [], expect: [{ field: '$', rule: 'type' }] },
  { name: 'accountId missing', activityName: 'appStart', body: without(envelope(), 'accountId'), expect: [{ field: 'accountId', rule: 'required' }] },
  { name: 'deviceId empty', activityName: 'appStart', body: envelope({ deviceId: '' }), expect: [{ field: 'deviceId', rule: 'required' }] },
  {
    name: 'live-event without technicalId and programmeId',
    activityName: 'playback_metrics',
    body: envelope({ metadata: { contentType: 'live-event', editorialId: 'ch-001' } }),
    expect: [
      { field: 'metadata.technicalId', rule: 'required' },
      { field: 'metadata.programmeId', rule: 'required' },
    ],
  },
  {
    name: 'vod-ed without editorialId',
    activityName: 'playerError',
    body: envelope({ metadata: { contentType: 'vod-ed', errorCode: 'X' } }),
    expect: [{ field: 'metadata.editorialId', rule: 'required' }],
  },
  {
    name: 'unknown content type',
    activityName: 'playback_metrics',
    body: envelope({ metadata: { contentType: 'hologram', editorialId: 'e' } }),
    expect: [{ field: 'metadata.contentType', rule: 'enum' }],
  },
  {
    name: 'metric of the wrong type',
    activityName: 'playback_metrics',
    body: envelope({ metadata: { droppedVideoFrames: 'many' } }),
    expect: [{ field: 'metadata.droppedVideoFrames', rule: 'type' }],
  },
  {
    name: 'bad activityDateTime',
    activityName: 'appStart',
    body: envelope({ activityDateTime: '01/05/2024 20:15' }),
    expect: [{ field: 'activityDateTime', rule: 'format' }],
  },
  { name: 'bad activity name', activityName: 'play back!', body: envelope(), expect: [{ field: 'activityName', rule: 'format' }] },
];
