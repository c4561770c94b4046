import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateActivity } from '../../../services/collector/validate-activity.ts';
import { parseBatchBody } from '../../../services/collector/batch-body.ts';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/uav/${name}`, import.meta.url)), 'utf8')) as Record<string, unknown>;
}

describe('test/fixtures/uav', () => {
  it('playback-metrics-live-event.json is a valid seed 002 live-event body', () => {
    const r = validateActivity('playback_metrics', fixture('playback-metrics-live-event.json'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.activity.metadata).toMatchObject({ contentType: 'live-event', editorialId: 'ch-001', technicalId: 'tch-001-hd', programmeId: 'prg-ch-001-28585335', downloadBitrate: 7400000 });
    expect(r.activity.customMetadata).toEqual({ networkType: '"ethernet"' });
    expect(r.activity.clientLoggedDateTimeMs).toBe(Date.UTC(2024, 4, 1, 20, 15, 1, 250));
  });

  it('player-error-legacy-spelling.json normalises the seed 001 spellings', () => {
    const r = validateActivity('playerError', fixture('player-error-legacy-spelling.json'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.activity.accountId).toBe('60ab88ccb780b5233dfec9cd');
    expect(r.activity.sdkVersion).toBe('2.0.3');
    expect(r.activity.activityDateTimeMs).toBe(Date.UTC(2024, 4, 1, 18, 16, 0));
    expect(r.activity.metadata).toMatchObject({ editorialId: 'vod-2b7ba603', playerTypeVersion: 'exoplayer 2.19.1', errorCode: '4001', streamBitrate: 2870000, droppedVideoFrames: 3 });
    expect(r.activity.customMetadata).toEqual({});
  });

  it('batch-mixed.json accepts items 0 and 2 and rejects the live-event item 1', () => {
    const r = parseBatchBody(fixture('batch-mixed.json'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.items.map((i) => i.ok)).toEqual([true, false, true]);
    const bad = r.items[1];
    if (bad && !bad.ok) expect(bad.errors.map((e) => e.field).sort()).toEqual(['metadata.programmeId', 'metadata.technicalId']);
  });
});
