import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import type { UavEvent } from '../../../avro/generated/index.ts';
import { scoreSignal, pickItem } from '../../../services/signals/score-signal.ts';
import { DEFAULT_SCORE_TABLE, parseScoreOverrides, resolveScoreTable } from '../../../services/signals/score-table.ts';
import { validateActivity } from '../../../services/collector/validate-activity.ts';
import { enrichActivity } from '../../../services/collector/enrich-activity.ts';
import { PlaypulseError } from '../../../services/runtime/errors.ts';
import { envelope } from '../../../services/simulator/fixtures.ts';

function event(activityName: string, metadata: Record<string, unknown>, top: Record<string, unknown> = {}): UavEvent {
  const r = validateActivity(activityName, envelope({ eventId: 'ev-1', ...top, metadata: { appSessionId: 'as-1', ...metadata } }));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return enrichActivity(r.activity, { tenant: 'demo', receivedAt: 1714600000000, clientIp: null, ipHashKey: 'k', newId: () => 'gen' });
}

describe('DEFAULT_SCORE_TABLE (seed 001 recommendation scoring)', () => {
  it('has the seed scores', () => {
    expect(DEFAULT_SCORE_TABLE['playbackStart']).toEqual({ score: 0.7, item: 'content' });
    expect(DEFAULT_SCORE_TABLE['scheduleRecording']).toEqual({ score: 0.7, item: 'programmeId' });
    expect(DEFAULT_SCORE_TABLE['deepLinkTriggered']).toEqual({ score: 0.5, item: 'deeplinkId' });
  });
});

describe('scoreSignal', () => {
  it('scores playbackStart of VOD on its editorialId', () => {
    const s = scoreSignal(event('playbackStart', { contentType: 'vod-ed', editorialId: 'vod-1', seriesId: 's-1' }, { userId: 'u-1' }));
    expect(s).toMatchObject({
      signalId: 'ev-1:reco',
      eventId: 'ev-1',
      tenant: 'demo',
      userId: 'u-1',
      key: 'u-1',
      activityName: 'playbackStart',
      score: 0.7,
      itemId: 'vod-1',
      itemIdType: 'editorialId',
      contentType: 'vod-ed',
      seriesId: 's-1',
      appSessionId: 'as-1',
    });
    expect(s?.eventTime).toBe(Date.UTC(2024, 4, 1, 20, 15, 0));
  });

  it('scores playbackStart of a live event on its programme', () => {
    const s = scoreSignal(event('playbackStart', { contentType: 'live-event', editorialId: 'ch-1', technicalId: 't-1', programmeId: 'p-1' }));
    expect(s?.itemId).toBe('p-1');
    expect(s?.itemIdType).toBe('programmeId');
  });

  it('keys by deviceId and leaves userId null when the user id is empty', () => {
    const s = scoreSignal(event('playbackStart', { contentType: 'vod-ed', editorialId: 'v' }, { userId: '' }));
    expect(s?.userId).toBeNull();
    expect(s?.key).toBe('d6c5b2a4-1f0e-4a43-9d57-0f4c2e3b9a10');
  });

  it('scores scheduleRecording on programmeId and deepLinkTriggered on deeplinkId', () => {
    expect(scoreSignal(event('scheduleRecording', { programmeId: 'p-9' }))).toMatchObject({ score: 0.7, itemId: 'p-9', itemIdType: 'programmeId' });
    expect(scoreSignal(event('deepLinkTriggered', { deeplinkId: 'dl-1', deeplinkProviderId: 'netflix' }))).toMatchObject({ score: 0.5, itemId: 'dl-1', deeplinkProviderId: 'netflix' });
  });

  it('returns null for an activity without the data the seed requires', () => {
    expect(scoreSignal(event('scheduleRecording', { editorialId: 'e' }))).toBeNull();
    expect(scoreSignal(event('deepLinkTriggered', { deeplinkProviderId: 'netflix' }))).toBeNull();
    expect(scoreSignal(event('playbackStart', {}))).toBeNull();
  });

  it('returns null for activities that are not scored', () => {
    for (const name of ['playbackHeartbeat', 'appStart', 'playbackStop', 'toString', 'constructor', 'hasOwnProperty']) {
      expect(scoreSignal(event(name, { contentType: 'vod-ed', editorialId: 'v' }))).toBeNull();
    }
  });

  it('uses a passed-in table: changed scores, new activities, removed activities', () => {
    const table = resolveScoreTable({ playbackStart: -0.2, watch: 1, downloadTriggered: { score: 0.7, item: 'editorialId' }, deepLinkTriggered: null });
    expect(scoreSignal(event('playbackStart', { contentType: 'vod-ed', editorialId: 'v' }), table)?.score).toBe(-0.2);
    expect(scoreSignal(event('watch', { contentType: 'vod-ed', editorialId: 'v' }), table)?.score).toBe(1);
    expect(scoreSignal(event('downloadTriggered', { contentType: 'D2G', editorialId: 'v' }), table)).toMatchObject({ score: 0.7, itemId: 'v' });
    expect(scoreSignal(event('deepLinkTriggered', { deeplinkId: 'dl' }), table)).toBeNull();
    expect(DEFAULT_SCORE_TABLE['playbackStart']?.score).toBe(0.7);
  });

  it('produces records valid for reco.signals.v1', () => {
    const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../../avro/reco.signals.v1.avsc', import.meta.url)), 'utf8')) as avro.Schema;
    const type = avro.Type.forSchema(schema);
    const s = scoreSignal(event('playbackStart', { contentType: 'live-event', editorialId: 'ch-1', technicalId: 't-1', programmeId: 'p-1' }));
    expect(s).not.toBeNull();
    expect(type.isValid(s)).toBe(true);
    expect(type.fromBuffer(type.toBuffer(s))).toEqual(s);
  });
});

describe('pickItem', () => {
  it('falls back through the content ids', () => {
    expect(pickItem(event('x', { technicalId: 't' }), 'content')).toEqual({ itemId: 't', itemIdType: 'technicalId' });
    const live = event('x', { technicalId: 't' });
    live.metadata.contentType = 'live-event';
    live.metadata.editorialId = 'ch';
    expect(pickItem(live, 'content')).toEqual({ itemId: 'ch', itemIdType: 'editorialId' });
    live.metadata.programmeId = 'p';
    expect(pickItem(live, 'content')).toEqual({ itemId: 'p', itemIdType: 'programmeId' });
    expect(pickItem(event('x', {}), 'content')).toBeNull();
    expect(pickItem(event('x', { editorialId: 'e' }), 'deeplinkId')).toBeNull();
  });
});

describe('resolveScoreTable', () => {
  it.each([[1.5], [-1.01], [Number.NaN], ['0.5']])('rejects score %j', (score) => {
    expect(() => resolveScoreTable({ playbackStart: score as number })).toThrow(PlaypulseError);
  });

  it('rejects an unknown item rule', () => {
    expect(() => resolveScoreTable({ x: { score: 0.1, item: 'isbn' as 'content' } })).toThrow(/item/);
  });

  it('accepts the bounds -1 and 1', () => {
    const t = resolveScoreTable({ a: -1, b: 1 });
    expect(t['a']?.score).toBe(-1);
    expect(t['b']?.score).toBe(1);
  });
});

describe('parseScoreOverrides', () => {
  it('parses a JSON object', () => {
    expect(parseScoreOverrides('{"watch":0.3}')).toEqual({ watch: 0.3 });
  });

  it.each([['not json'], ['[1]'], ['3']])('rejects %j with a config error', (s) => {
    expect(() => parseScoreOverrides(s)).toThrow(PlaypulseError);
  });
});
