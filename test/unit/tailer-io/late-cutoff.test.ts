import { describe, it, expect } from 'vitest';
import { EventTimeWatermark, lateReason } from '../../../services/tailer/publish/late-cutoff.ts';

const DAY = 24 * 3600 * 1000;

describe('late cutoff', () => {
  it('a record more than the cutoff before the watermark is late; the watermark only moves forward', () => {
    const w = new EventTimeWatermark(null, 3 * DAY);
    expect(w.observe(10 * DAY)).toBe(false);
    expect(w.value).toBe(10 * DAY);
    expect(w.observe(7 * DAY)).toBe(false); // exactly at the cutoff: not late
    expect(w.observe(7 * DAY - 1)).toBe(true);
    expect(w.value).toBe(10 * DAY);
    expect(w.observe(12 * DAY)).toBe(false);
    expect(w.observe(8 * DAY)).toBe(true);
    expect(w.observe(Number.NaN)).toBe(false);
  });

  it('starts from a restored watermark', () => {
    const w = new EventTimeWatermark(100 * DAY, 3 * DAY);
    expect(w.observe(90 * DAY)).toBe(true);
    expect(lateReason(90 * DAY, 100 * DAY, 3 * DAY)).toMatch(/864000 s before the source watermark .* \(cutoff 259200 s\)/);
  });
});
