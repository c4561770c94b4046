import { describe, it, expect } from 'vitest';
import { parseBatchBody, DEFAULT_BATCH_MAX_ITEMS } from '../../../services/collector/batch-body.ts';
import { envelope, playbackMetricsBody } from '../../../services/simulator/fixtures.ts';

function item(activityName: unknown, body: Record<string, unknown> = envelope()): Record<string, unknown> {
  return { activityName, ...body };
}

describe('parseBatchBody', () => {
  it('accepts every valid item, in order, with canonical names', () => {
    const r = parseBatchBody({ activities: [item('appStart'), item('playback_metrics', playbackMetricsBody('npvr-event')), item('adDeliverd')] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.accepted).toBe(3);
    expect(r.rejected).toBe(0);
    expect(r.items.map((i) => i.index)).toEqual([0, 1, 2]);
    expect(r.items.map((i) => (i.ok ? i.activity.activityName : null))).toEqual(['appStart', 'playback_metrics', 'adDelivered']);
  });

  it('rejects bad items individually and keeps the good ones', () => {
    const bad = envelope({ metadata: { contentType: 'live-event', editorialId: 'ch-1' } });
    const r = parseBatchBody({ activities: [item('appStart'), item('playbackStart', bad), item('appEnd'), 'not an object', item(undefined)] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.accepted).toBe(2);
    expect(r.rejected).toBe(3);
    const [a, b, c, d, e] = r.items;
    expect(a?.ok).toBe(true);
    expect(c?.ok).toBe(true);
    expect(b?.ok).toBe(false);
    if (b && !b.ok) {
      expect(b.index).toBe(1);
      expect(b.activityName).toBe('playbackStart');
      expect(b.errors.map((x) => `${x.field}:${x.rule}`).sort()).toEqual(['metadata.programmeId:required', 'metadata.technicalId:required']);
    }
    if (d && !d.ok) expect(d.errors.map((x) => x.field)).toContain('$');
    else throw new Error('item 3 should be rejected');
    if (e && !e.ok) {
      expect(e.activityName).toBeNull();
      expect(e.errors.map((x) => `${x.field}:${x.rule}`)).toContain('activityName:required');
    } else throw new Error('item 4 should be rejected');
  });

  it('does not store the item activityName as custom metadata', () => {
    const r = parseBatchBody({ activities: [item('appStart')] });
    if (!r.ok || !r.items[0]?.ok) throw new Error('expected ok');
    expect(r.items[0].activity.customMetadata).toEqual({});
  });

  it('refuses more than maxItems with rule maxItems, and accepts exactly maxItems', () => {
    const many = { activities: Array.from({ length: 6 }, () => item('appStart')) };
    const r = parseBatchBody(many, { maxItems: 5 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ field: 'activities', rule: 'maxItems', message: expect.stringContaining('5') }]);
    expect(parseBatchBody({ activities: many.activities.slice(0, 5) }, { maxItems: 5 }).ok).toBe(true);
  });

  it('has a default limit', () => {
    expect(DEFAULT_BATCH_MAX_ITEMS).toBe(1000);
    const r = parseBatchBody({ activities: Array.from({ length: 1001 }, () => item('appStart')) });
    expect(r.ok).toBe(false);
  });

  it.each([
    ['not an object', [], '$:type'],
    ['null', null, '$:type'],
    ['without activities', {}, 'activities:required'],
    ['with activities not an array', { activities: { a: 1 } }, 'activities:type'],
    ['with no activities', { activities: [] }, 'activities:required'],
  ])('rejects a body %s as a whole', (_what, body, expected) => {
    const r = parseBatchBody(body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => `${e.field}:${e.rule}`)).toEqual([expected]);
  });
});
