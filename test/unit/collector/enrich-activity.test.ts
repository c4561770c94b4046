import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import { validateActivity } from '../../../services/collector/validate-activity.ts';
import type { NormalizedActivity } from '../../../services/collector/validate-activity.ts';
import { enrichActivity, uavRecordKey } from '../../../services/collector/enrich-activity.ts';
import type { EnrichContext } from '../../../services/collector/enrich-activity.ts';
import { hashIp } from '../../../services/runtime/ip-privacy.ts';
import { PlaypulseError } from '../../../services/runtime/errors.ts';
import { envelope, playbackMetricsBody } from '../../../services/simulator/fixtures.ts';

const RECEIVED = Date.UTC(2024, 4, 1, 21, 0, 0);

function normalized(body: Record<string, unknown>, name = 'playbackStart'): NormalizedActivity {
  const r = validateActivity(name, body);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.activity;
}

function ctx(over: Partial<EnrichContext> = {}): EnrichContext {
  let n = 0;
  return { tenant: 'demo', receivedAt: RECEIVED, clientIp: '203.0.113.77', ipHashKey: 'secret-key', newId: () => `gen-${++n}`, ...over };
}

describe('enrichActivity', () => {
  it('keeps the eventId the client sent (top level or metadata) and does not generate one', () => {
    let calls = 0;
    const newId = () => `gen-${++calls}`;
    expect(enrichActivity(normalized(envelope({ eventId: 'client-1' })), ctx({ newId })).eventId).toBe('client-1');
    expect(enrichActivity(normalized(envelope({ metadata: { eventId: 'client-2' } })), ctx({ newId })).eventId).toBe('client-2');
    expect(calls).toBe(0);
  });

  it('generates an eventId when none was sent', () => {
    const e = enrichActivity(normalized(envelope()), ctx({ newId: () => 'fresh-id' }));
    expect(e.eventId).toBe('fresh-id');
  });

  it('sets tenant, receivedAt and the activity name', () => {
    const e = enrichActivity(normalized(envelope(), 'adDeliverd'), ctx({ tenant: 'acme' }));
    expect(e.tenant).toBe('acme');
    expect(e.receivedAt).toBe(RECEIVED);
    expect(e.activityName).toBe('adDelivered');
  });

  it('takes event time from activityDateTime first', () => {
    const e = enrichActivity(normalized(envelope({ activityDateTime: '2024-05-01T20:00:00Z', clientLoggedDateTime: '2024-05-01T20:05:00Z' })), ctx());
    expect(e.eventTime).toBe(Date.UTC(2024, 4, 1, 20, 0, 0));
    expect(e.eventTimeSource).toBe('activityDateTime');
    expect(e.activityDateTime).toBe('2024-05-01T20:00:00Z');
    expect(e.clientLoggedDateTime).toBe('2024-05-01T20:05:00Z');
  });

  it('falls back to clientLoggedDateTime', () => {
    const e = enrichActivity(normalized(envelope({ activityDateTime: undefined, clientLoggedDateTime: '2024-05-01T20:05:00Z' })), ctx());
    expect(e.eventTime).toBe(Date.UTC(2024, 4, 1, 20, 5, 0));
    expect(e.eventTimeSource).toBe('clientLoggedDateTime');
    expect(e.activityDateTime).toBeNull();
  });

  it('falls back to receivedAt', () => {
    const e = enrichActivity(normalized(envelope({ activityDateTime: '', clientLoggedDateTime: null })), ctx());
    expect(e.eventTime).toBe(RECEIVED);
    expect(e.eventTimeSource).toBe('receivedAt');
  });

  it('stores the client IP only as a keyed hash and a truncated network', () => {
    const ip = '203.0.113.77';
    const e = enrichActivity(normalized(envelope()), ctx({ clientIp: ip }));
    expect(e.ipHash).toBe(hashIp(ip, 'secret-key'));
    expect(e.ipHash).not.toBe(hashIp(ip, 'another-key'));
    expect(e.ipTruncated).toBe('203.0.113.0');
    expect(JSON.stringify(e)).not.toContain(ip);
    expect(JSON.stringify(e)).not.toContain('113.77');
  });

  it('never carries a raw IPv6 address either', () => {
    const ip = '2001:db8:85a3:1:2:8a2e:370:7334';
    const e = enrichActivity(normalized(envelope()), ctx({ clientIp: ip }));
    expect(e.ipTruncated).toBe('2001:db8:85a3:1::/64');
    expect(JSON.stringify(e)).not.toContain('8a2e');
    expect(JSON.stringify(e)).not.toContain('7334');
  });

  it('hashes the same IP the same way on repeated calls and follows a key change', () => {
    const a = enrichActivity(normalized(envelope()), ctx({ clientIp: '198.51.100.1', ipHashKey: 'k1' }));
    const b = enrichActivity(normalized(envelope()), ctx({ clientIp: '198.51.100.1', ipHashKey: 'k1' }));
    const c = enrichActivity(normalized(envelope()), ctx({ clientIp: '198.51.100.1', ipHashKey: 'k2' }));
    expect(a.ipHash).toBe(b.ipHash);
    expect(c.ipHash).toBe(hashIp('198.51.100.1', 'k2'));
    expect(c.ipHash).not.toBe(a.ipHash);
  });

  it('leaves IP fields null without a client IP', () => {
    for (const clientIp of [null, undefined, '']) {
      const e = enrichActivity(normalized(envelope()), ctx({ clientIp }));
      expect(e.ipHash).toBeNull();
      expect(e.ipTruncated).toBeNull();
    }
  });

  it('refuses an empty hash key (the hash of an IPv4 address would be reversible)', () => {
    expect(() => enrichActivity(normalized(envelope()), ctx({ ipHashKey: '' }))).toThrow(PlaypulseError);
  });

  it('carries ids, app fields, metadata and custom metadata', () => {
    const e = enrichActivity(normalized({ ...playbackMetricsBody('live-event'), SDKVersion: '2.0.3' }, 'playback_metrics'), ctx());
    expect(e).toMatchObject({
      accountId: '60ab88ccb780b5233dfec9cd',
      userId: '',
      deviceId: 'd6c5b2a4-1f0e-4a43-9d57-0f4c2e3b9a10',
      key: '',
      appSessionId: '3f1c1a9e-6a51-4b8e-9a5e-2f7a0f6f1c01',
      playbackSessionId: '9b2d7c55-0e7d-4d0f-8a9b-64f0d4c7e802',
      appName: 'demo',
      appVersion: '4.2.0',
      deviceType: 'STB',
      sdkVersion: '2.0.3',
    });
    expect(e.metadata.technicalId).toBe('tch-001-hd');
    expect(e.metadata.streamBitrate).toBe(2870000);
  });
});

describe('uavRecordKey', () => {
  it('is appSessionId, else deviceId', () => {
    const withSession = enrichActivity(normalized(envelope({ metadata: { appSessionId: 'as-9' } })), ctx());
    const without = enrichActivity(normalized(envelope()), ctx());
    expect(uavRecordKey(withSession)).toBe('as-9');
    expect(uavRecordKey(without)).toBe('d6c5b2a4-1f0e-4a43-9d57-0f4c2e3b9a10');
  });
});

describe('Avro encoding of enriched events', () => {
  const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../../avro/uav.events.v1.avsc', import.meta.url)), 'utf8')) as avro.Schema;
  const type = avro.Type.forSchema(schema);

  it('round-trips a full event through uav.events.v1', () => {
    const e = enrichActivity(normalized({ ...playbackMetricsBody('vod-ed'), metadata: { ...(playbackMetricsBody('vod-ed')['metadata'] as object), foo: [1] } }, 'playback_metrics'), ctx());
    expect(type.isValid(e)).toBe(true);
    expect(type.fromBuffer(type.toBuffer(e))).toEqual(e);
  });

  it('round-trips a minimal event', () => {
    const e = enrichActivity(normalized(envelope({ activityDateTime: undefined, clientLoggedDateTime: undefined }), 'custom'), ctx({ clientIp: null }));
    expect(type.fromBuffer(type.toBuffer(e))).toEqual(e);
  });
});
