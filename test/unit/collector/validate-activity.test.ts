import { describe, it, expect } from 'vitest';
import { validateActivity, KNOWN_ACTIVITIES } from '../../../services/collector/validate-activity.ts';
import type { NormalizedActivity, ValidationError } from '../../../services/collector/validate-activity.ts';
import { CONTENT_TYPES, CONTENT_TYPE_REQUIRED } from '../../../services/collector/content-rules.ts';
import type { ContentType } from '../../../services/collector/content-rules.ts';
import { envelope, INVALID_ACTIVITIES, VALID_ACTIVITIES, playbackMetricsBody, playerErrorBody, CONTENT_IDS } from '../../../services/simulator/fixtures.ts';

function ok(activityName: string, body: unknown): NormalizedActivity {
  const r = validateActivity(activityName, body);
  if (!r.ok) throw new Error(`expected valid, got ${JSON.stringify(r.errors)}`);
  return r.activity;
}

function errs(activityName: string, body: unknown): ValidationError[] {
  const r = validateActivity(activityName, body);
  if (r.ok) throw new Error('expected validation errors, got a valid activity');
  return r.errors;
}

function pairs(errors: ValidationError[]): string[] {
  return errors.map((e) => `${e.field}:${e.rule}`);
}

function withoutKey(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const c = { ...obj };
  delete c[key];
  return c;
}

describe('known activities (seed 001)', () => {
  it('lists the 22 activities of the seed with adDelivered spelled as in its activity table', () => {
    expect(KNOWN_ACTIVITIES).toHaveLength(22);
    for (const n of ['privacyPolicy', 'appStart', 'appEnd', 'playbackStart', 'playbackStop', 'playbackPause', 'playbackSkipAhead', 'playbackSkipBack', 'adWatched', 'adDelivered', 'adSkipped', 'playbackHeartbeat', 'scheduleRecording', 'watch', 'playback_metrics', 'playerError', 'thirdPartyAppStart', 'returnToLauncher', 'deepLinkTriggered', 'downloadTriggered', 'railView', 'railSelection']) {
      expect(KNOWN_ACTIVITIES).toContain(n);
    }
  });
});

describe('seed-shaped fixtures', () => {
  it.each(VALID_ACTIVITIES.map((f, i) => [i, f.activityName, f] as const))('valid #%i %s', (_i, _n, f) => {
    expect(validateActivity(f.activityName, f.body).ok).toBe(true);
  });

  it.each(INVALID_ACTIVITIES.map((f) => [f.name, f] as const))('invalid: %s', (_n, f) => {
    const found = pairs(errs(f.activityName, f.body));
    for (const e of f.expect) expect(found).toContain(`${e.field}:${e.rule}`);
  });
});

describe('activity name', () => {
  it('accepts custom names as sent', () => {
    expect(ok('myCustom_thing-v2.1', envelope()).activityName).toBe('myCustom_thing-v2.1');
  });

  it('canonicalises known names: case and the seed typo adDeliverd', () => {
    expect(ok('adDeliverd', envelope()).activityName).toBe('adDelivered');
    expect(ok('PLAYBACKSTART', envelope()).activityName).toBe('playbackStart');
    expect(ok('Playback_Metrics', envelope()).activityName).toBe('playback_metrics');
  });

  it.each([
    ['has a space', 'play back', 'format'],
    ['has a slash', 'a/b', 'format'],
    ['starts with a digit', '1play', 'format'],
    ['is 65 characters', 'a'.repeat(65), 'format'],
    ['is empty', '', 'required'],
  ])('rejects a name that %s', (_what, name, rule) => {
    expect(pairs(errs(name, envelope()))).toContain(`activityName:${rule}`);
  });

  it('accepts a 64-character name', () => {
    expect(validateActivity('a'.repeat(64), envelope()).ok).toBe(true);
  });

  it('rejects a non-string name', () => {
    expect(pairs(errs(42 as unknown as string, envelope()))).toContain('activityName:required');
  });
});

describe('body shape', () => {
  it.each([
    ['null', null],
    ['a string', 'x'],
    ['an array', [envelope()]],
    ['a number', 5],
  ])('rejects a body that is %s', (_what, body) => {
    expect(pairs(errs('appStart', body))).toEqual(['$:type']);
  });

  it('rejects metadata that is not an object', () => {
    expect(pairs(errs('appStart', envelope({ metadata: ['a'] })))).toContain('metadata:type');
    expect(pairs(errs('appStart', envelope({ metadata: 'x' })))).toContain('metadata:type');
  });

  it('accepts missing or null metadata', () => {
    expect(ok('appStart', envelope()).metadata.editorialId).toBeNull();
    expect(ok('appStart', envelope({ metadata: null })).metadata.editorialId).toBeNull();
  });

  it('ignores a top-level activityName key (the URL names the activity)', () => {
    const a = ok('appStart', envelope({ activityName: 'other' }));
    expect(a.activityName).toBe('appStart');
    expect(a.customMetadata).not.toHaveProperty('activityName');
  });
});

describe('mandatory arguments (seed 001)', () => {
  it.each(['accountId', 'userId', 'deviceId', 'key'])('reports %s missing', (field) => {
    const e = errs('appStart', withoutKey(envelope(), field));
    expect(pairs(e)).toEqual([`${field}:required`]);
    expect(e[0]?.message).toContain(field);
  });

  it.each(['accountId', 'userId', 'deviceId', 'key'])('reports %s null as missing', (field) => {
    expect(pairs(errs('appStart', envelope({ [field]: null })))).toEqual([`${field}:required`]);
  });

  it('accepts userId and key as empty strings', () => {
    const a = ok('appStart', envelope({ userId: '', key: '' }));
    expect(a.userId).toBe('');
    expect(a.key).toBe('');
  });

  it.each(['accountId', 'deviceId'])('rejects %s as an empty string', (field) => {
    expect(pairs(errs('appStart', envelope({ [field]: '' })))).toEqual([`${field}:required`]);
  });

  it('reports all four when the body is empty', () => {
    expect(pairs(errs('appStart', {})).sort()).toEqual(['accountId:required', 'deviceId:required', 'key:required', 'userId:required']);
  });

  it.each([
    ['accountId', 12345],
    ['userId', 7],
    ['deviceId', true],
    ['key', {}],
  ])('rejects %s of a non-string type', (field, value) => {
    expect(pairs(errs('appStart', envelope({ [field]: value })))).toContain(`${field}:type`);
  });

  it('accepts the seed spelling accountID', () => {
    const body = withoutKey(envelope(), 'accountId');
    body['accountID'] = 'acc-9';
    expect(ok('appStart', body).accountId).toBe('acc-9');
  });

  it('rejects an over-long id', () => {
    expect(pairs(errs('appStart', envelope({ deviceId: 'd'.repeat(257) })))).toContain('deviceId:maxLength');
  });
});

describe('content types (seed 002)', () => {
  const types = CONTENT_TYPES as readonly ContentType[];

  it('knows the seed content types and their required fields', () => {
    expect([...CONTENT_TYPES].sort()).toEqual(['D2G', 'live-event', 'live-stcu-event', 'ltcu', 'npvr-event', 'start-over', 'vod-ed']);
    expect(CONTENT_TYPE_REQUIRED['live-event']).toEqual(['editorialId', 'technicalId', 'programmeId']);
    for (const t of types.filter((x) => x !== 'live-event')) expect(CONTENT_TYPE_REQUIRED[t]).toEqual(['editorialId']);
  });

  it.each(types)('accepts playback_metrics and playerError bodies of %s', (ct) => {
    expect(ok('playback_metrics', playbackMetricsBody(ct)).metadata.contentType).toBe(ct);
    expect(ok('playerError', playerErrorBody(ct)).metadata.contentType).toBe(ct);
  });

  const cases = types.flatMap((ct) => CONTENT_TYPE_REQUIRED[ct].map((f) => [ct, f] as const));
  it.each(cases)('%s without %s is rejected naming the field', (ct, field) => {
    const body = playbackMetricsBody(ct);
    const meta = body['metadata'] as Record<string, unknown>;
    delete meta[field];
    const e = errs('playback_metrics', body);
    expect(pairs(e)).toEqual([`metadata.${field}:required`]);
    expect(e[0]?.message).toContain(ct);
  });

  it.each(cases)('%s with %s blank ("") is rejected', (ct, field) => {
    const body = playerErrorBody(ct);
    (body['metadata'] as Record<string, unknown>)[field] = '';
    expect(pairs(errs('playerError', body))).toEqual([`metadata.${field}:required`]);
  });

  it('applies the rule to any activity carrying a contentType, and not without one', () => {
    expect(pairs(errs('playbackStart', envelope({ metadata: { contentType: 'vod-ed' } })))).toEqual(['metadata.editorialId:required']);
    expect(ok('playbackStart', envelope({ metadata: { appSessionId: 'a' } })).metadata.contentType).toBeNull();
  });

  it('vod-ed does not need technicalId or programmeId', () => {
    expect(validateActivity('watch', envelope({ metadata: { contentType: 'vod-ed', editorialId: 'v' } })).ok).toBe(true);
  });

  it('rejects an unknown content type with rule enum', () => {
    expect(pairs(errs('watch', envelope({ metadata: { contentType: 'vod', editorialId: 'v' } })))).toEqual(['metadata.contentType:enum']);
  });

  it('canonicalises the letter case of content type and source', () => {
    const a = ok('watch', envelope({ metadata: { contentType: 'VOD-ED', contentSource: 'iptv', editorialId: 'v' } }));
    expect(a.metadata.contentType).toBe('vod-ed');
    expect(a.metadata.contentSource).toBe('IPTV');
    expect(ok('watch', envelope({ metadata: { contentType: 'd2g', editorialId: 'v' } })).metadata.contentType).toBe('D2G');
  });

  it('checks contentSource against IPTV, OTT, Blend and accepts the seed notation ["OTT"]', () => {
    expect(pairs(errs('watch', envelope({ metadata: { contentSource: 'satellite' } })))).toEqual(['metadata.contentSource:enum']);
    expect(ok('watch', envelope({ metadata: { contentSource: ['Blend'] } })).metadata.contentSource).toBe('Blend');
    expect(pairs(errs('watch', envelope({ metadata: { contentSource: ['OTT', 'IPTV'] } })))).toEqual(['metadata.contentSource:type']);
  });

  it('accepts Content_Type (seed 001 field table spelling)', () => {
    expect(ok('watch', envelope({ metadata: { Content_Type: 'npvr-event', editorialId: 'n' } })).metadata.contentType).toBe('npvr-event');
  });
});

describe('field spellings', () => {
  it('stores editorialID and playerTypeversion under the canonical names', () => {
    const a = ok('playerError', envelope({ metadata: { contentType: 'vod-ed', editorialID: 'E1', playerTypeversion: 'p 1.0' } }));
    expect(a.metadata.editorialId).toBe('E1');
    expect(a.metadata.playerTypeVersion).toBe('p 1.0');
    expect(a.customMetadata).toEqual({});
  });

  it('satisfies the content-type rule with editorialID', () => {
    expect(validateActivity('watch', envelope({ metadata: { contentType: 'start-over', editorialID: 'E' } })).ok).toBe(true);
  });

  it('lets the canonical spelling win whatever the order, keeping the other in customMetadata', () => {
    const a1 = ok('watch', envelope({ metadata: { editorialID: 'old', editorialId: 'new' } }));
    const a2 = ok('watch', envelope({ metadata: { editorialId: 'new', editorialID: 'old' } }));
    for (const a of [a1, a2]) {
      expect(a.metadata.editorialId).toBe('new');
      expect(a.customMetadata).toEqual({ editorialID: '"old"' });
    }
  });

  it('keeps nothing extra when both spellings carry the same value', () => {
    const a = ok('watch', envelope({ metadata: { editorialID: 'same', editorialId: 'same' } }));
    expect(a.customMetadata).toEqual({});
  });

  it('maps the seed 001 field-table names of player metrics', () => {
    const a = ok(
      'playback_metrics',
      envelope({
        SDKVersion: '2.0.3',
        metadata: {
          Available_Bitrate: '800000,1600000 3000000',
          avg_download_bitRate: 2950000,
          Bitrate_selected: 3000000,
          Buffer_Duration: 12.5,
          bytes_Downloaded: 1000,
          content_URI: 'https://x/master.m3u8',
          Dropped_Frames: 2,
          Playback_Progress: 61.5,
          Position: 60,
          Stream_Bitrate: 2900000,
          Total_Frames: 1500,
          downloadBitRate: 7000000,
          adID: 'ad-1',
        },
      }),
    );
    expect(a.sdkVersion).toBe('2.0.3');
    expect(a.metadata).toMatchObject({
      availableBitrates: [800000, 1600000, 3000000],
      downloadBitrateAverage: 2950000,
      selectedBitrate: 3000000,
      bufferedDuration: 12.5,
      bytesDownloaded: 1000,
      uri: 'https://x/master.m3u8',
      droppedVideoFrames: 2,
      playbackProgress: 61.5,
      position: 60,
      streamBitrate: 2900000,
      totalVideoFrames: 1500,
      downloadBitrate: 7000000,
      adId: 'ad-1',
    });
    expect(a.customMetadata).toEqual({});
  });

  it('accepts PlayoutURL for uri', () => {
    expect(ok('watch', envelope({ metadata: { PlayoutURL: 'https://y' } })).metadata.uri).toBe('https://y');
  });
});

describe('field location', () => {
  it('accepts metadata fields sent at the top level (appSessionId)', () => {
    expect(ok('appStart', envelope({ appSessionId: 'as-1' })).appSessionId).toBe('as-1');
  });

  it('accepts a mandatory field sent in metadata (privacyPolicy lists deviceId as metadata)', () => {
    const body = withoutKey(envelope(), 'deviceId');
    body['metadata'] = { deviceId: 'dev-in-meta' };
    expect(ok('privacyPolicy', body).deviceId).toBe('dev-in-meta');
  });

  it('prefers the seed place when a field comes twice; the other value is kept in customMetadata', () => {
    const a = ok('appStart', envelope({ deviceId: 'top', appSessionId: 'top-as', metadata: { deviceId: 'meta', appSessionId: 'meta-as' } }));
    expect(a.deviceId).toBe('top');
    expect(a.appSessionId).toBe('meta-as');
    expect(a.customMetadata).toEqual({ deviceId: '"meta"', appSessionId: '"top-as"' });
  });
});

describe('types of known fields', () => {
  it.each([
    ['droppedVideoFrames', 'many', 'type'],
    ['droppedVideoFrames', 1.5, 'type'],
    ['droppedVideoFrames', -1, 'range'],
    ['bytesDownloaded', true, 'type'],
    ['totalVideoFrames', [1], 'type'],
    ['stallCount', '2.5', 'type'],
    ['streamBitrate', 'fast', 'type'],
    ['streamBitrate', -100, 'range'],
    ['timeToVideoStart', {}, 'type'],
    ['playbackProgress', '12s', 'type'],
    ['depth', 2147483648, 'range'],
    ['depth', 'top', 'type'],
    ['policyConsentGiven', 'yes', 'type'],
    ['policyShown', 1, 'type'],
    ['availableBitrates', 'a,b', 'type'],
    ['availableBitrates', [1, 'x'], 'type'],
    ['availableBitrates', 5, 'type'],
    ['editorialId', 123, 'type'],
    ['programmeId', ['p'], 'type'],
    ['errorCode', { code: 1 }, 'type'],
    ['errorMsg', 'x'.repeat(8193), 'maxLength'],
  ])('metadata.%s = %j is rejected with %s', (field, value, rule) => {
    const e = errs('playback_metrics', envelope({ metadata: { [field]: value } }));
    expect(pairs(e)).toEqual([`metadata.${field}:${rule}`]);
    expect(e[0]?.message).toContain(field);
  });

  it('names the field as sent when a variant spelling has the wrong type', () => {
    expect(pairs(errs('playback_metrics', envelope({ metadata: { Dropped_Frames: 'x' } })))).toEqual(['metadata.Dropped_Frames:type']);
  });

  it('accepts numbers sent as numeric strings and stores numbers', () => {
    const a = ok('playback_metrics', envelope({ metadata: { droppedVideoFrames: '12', streamBitrate: '2.5e6', bufferedDuration: '.5', depth: '3', playbackProgress: '0' } }));
    expect(a.metadata.droppedVideoFrames).toBe(12);
    expect(a.metadata.streamBitrate).toBe(2500000);
    expect(a.metadata.bufferedDuration).toBe(0.5);
    expect(a.metadata.depth).toBe(3);
    expect(a.metadata.playbackProgress).toBe(0);
  });

  it('accepts booleans as true/false or their strings', () => {
    const a = ok('privacyPolicy', envelope({ metadata: { policyShown: 'true', policyRead: false, policyConsentGiven: 'FALSE', consentForTargetedAd: true } }));
    expect(a.metadata).toMatchObject({ policyShown: true, policyRead: false, policyConsentGiven: false, consentForTargettedAd: true });
  });

  it('keeps a numeric errorCode as its decimal text', () => {
    expect(ok('playerError', envelope({ metadata: { errorCode: 4001 } })).metadata.errorCode).toBe('4001');
  });

  it('treats blank optional values ("" or null) as not reported', () => {
    const a = ok('playback_metrics', envelope({ appVersion: '', metadata: { streamBitrate: '', editorialId: null, appSessionId: '' } }));
    expect(a.appVersion).toBeNull();
    expect(a.metadata.streamBitrate).toBeNull();
    expect(a.metadata.editorialId).toBeNull();
    expect(a.appSessionId).toBeNull();
    expect(a.customMetadata).toEqual({});
  });

  it('reports every error, not only the first', () => {
    const e = errs('playback_metrics', { metadata: { contentType: 'live-event', bytesDownloaded: -1, depth: 1.5 } });
    expect(pairs(e).sort()).toEqual(
      [
        'accountId:required',
        'deviceId:required',
        'key:required',
        'metadata.bytesDownloaded:range',
        'metadata.depth:type',
        'metadata.editorialId:required',
        'metadata.programmeId:required',
        'metadata.technicalId:required',
        'userId:required',
      ].sort(),
    );
  });

  it('caps the number of errors', () => {
    const meta: Record<string, unknown> = {};
    for (const f of ['streamBitrate', 'selectedBitrate', 'bytesDownloaded', 'depth', 'hdepth', 'vdepth']) meta[f] = 'bad';
    const r = validateActivity('x', { metadata: meta }, { maxErrors: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toHaveLength(3);
  });
});

describe('eventId', () => {
  it('is kept from the top level or metadata', () => {
    expect(ok('appStart', envelope({ eventId: 'ev-1' })).eventId).toBe('ev-1');
    expect(ok('appStart', envelope({ metadata: { eventId: 'ev-2' } })).eventId).toBe('ev-2');
    expect(ok('appStart', envelope()).eventId).toBeNull();
  });

  it.each([['has space'], ['x'.repeat(129)], ['tab\there']])('rejects %j', (id) => {
    expect(pairs(errs('appStart', envelope({ eventId: id })))).toEqual(['eventId:format']);
  });

  it('rejects a numeric eventId', () => {
    expect(pairs(errs('appStart', envelope({ eventId: 5 })))).toEqual(['eventId:type']);
  });
});

describe('dates', () => {
  it('parses activityDateTime and clientLoggedDateTime and keeps the raw strings', () => {
    const a = ok('appStart', envelope({ activityDateTime: '2024-05-01T20:15:00Z', clientLoggedDateTime: '2024-05-01T22:15:01.5+02:00' }));
    expect(a.activityDateTime).toBe('2024-05-01T20:15:00Z');
    expect(a.activityDateTimeMs).toBe(Date.UTC(2024, 4, 1, 20, 15, 0));
    expect(a.clientLoggedDateTime).toBe('2024-05-01T22:15:01.5+02:00');
    expect(a.clientLoggedDateTimeMs).toBe(Date.UTC(2024, 4, 1, 20, 15, 1, 500));
  });

  it('keeps an epoch-ms number as its decimal text', () => {
    const a = ok('appStart', envelope({ activityDateTime: 1714594500000 }));
    expect(a.activityDateTime).toBe('1714594500000');
    expect(a.activityDateTimeMs).toBe(1714594500000);
  });

  it.each([['activityDateTime'], ['clientLoggedDateTime']])('rejects a malformed %s with rule format', (field) => {
    expect(pairs(errs('appStart', envelope({ [field]: '2024-02-30T00:00:00Z' })))).toEqual([`${field}:format`]);
    expect(pairs(errs('appStart', envelope({ [field]: 'yesterday' })))).toEqual([`${field}:format`]);
    expect(pairs(errs('appStart', envelope({ [field]: true })))).toEqual([`${field}:type`]);
  });

  it('treats blank dates as absent', () => {
    const a = ok('appStart', envelope({ activityDateTime: '', clientLoggedDateTime: null }));
    expect(a.activityDateTimeMs).toBeNull();
    expect(a.clientLoggedDateTimeMs).toBeNull();
  });
});

describe('unknown keys (seed: stored and available for custom reporting)', () => {
  it('keeps unknown metadata keys with JSON-encoded values', () => {
    const a = ok('playback_metrics', envelope({ metadata: { networkType: 'wifi', hdr: true, fps: 50, tags: ['a', 'b'], extra: { x: 1 }, nothing: null } }));
    expect(a.customMetadata).toEqual({ networkType: '"wifi"', hdr: 'true', fps: '50', tags: '["a","b"]', extra: '{"x":1}', nothing: 'null' });
  });

  it('keeps unknown top-level keys too, metadata winning on a clash', () => {
    const a = ok('appStart', envelope({ region: 'north', tag: 'top', metadata: { tag: 'meta' } }));
    expect(a.customMetadata).toEqual({ region: '"north"', tag: '"meta"' });
  });

  it('keeps a __proto__ key as data without touching the prototype', () => {
    const body = JSON.parse('{"accountId":"a","userId":"","deviceId":"d","key":"","metadata":{"__proto__":{"polluted":1}}}') as unknown;
    const a = ok('appStart', body);
    expect(Object.getPrototypeOf(a.customMetadata)).toBe(Object.prototype);
    expect(Object.keys(a.customMetadata)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('keeps a custom activity with only custom metadata', () => {
    const a = ok('channelZap', envelope({ metadata: { fromChannel: 'ch-1', toChannel: 'ch-2' } }));
    expect(a.activityName).toBe('channelZap');
    expect(a.customMetadata).toEqual({ fromChannel: '"ch-1"', toChannel: '"ch-2"' });
  });
});

describe('normalised output', () => {
  it('gives every activity the same object shape with nulls for absent fields', () => {
    const a = ok('appStart', envelope());
    const b = ok('playback_metrics', playbackMetricsBody('live-event'));
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(Object.keys(a.metadata)).toEqual(Object.keys(b.metadata));
    expect(Object.values(a.metadata).every((v) => v === null)).toBe(true);
  });

  it('carries the seed 002 live-event metrics typed', () => {
    const a = ok('playback_metrics', playbackMetricsBody('live-event'));
    expect(a.metadata).toMatchObject({ ...CONTENT_IDS['live-event'], playbackProgress: 1200, bytesDownloaded: 22500000, availableBitrates: [800000, 1600000, 3000000, 5000000] });
    expect(a.appSessionId).toBe('3f1c1a9e-6a51-4b8e-9a5e-2f7a0f6f1c01');
    expect(a.playbackSessionId).toBe('9b2d7c55-0e7d-4d0f-8a9b-64f0d4c7e802');
  });

  it('does not modify the input body', () => {
    const body = playbackMetricsBody('vod-ed');
    const before = JSON.stringify(body);
    ok('playback_metrics', body);
    expect(JSON.stringify(body)).toBe(before);
  });
});
