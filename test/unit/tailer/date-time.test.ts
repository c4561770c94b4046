import { describe, it, expect } from 'vitest';
import { parseClfTimeMs, parseHmsMs, parseRfc3339Ms, parseYmdMs } from '../../../services/tailer/parse/date-time.ts';

describe('log timestamp parsers', () => {
  it('parse RFC 3339 with nanoseconds, milliseconds, no fraction and offsets', () => {
    expect(parseRfc3339Ms('2021-06-28T23:12:09.632710435Z')).toBe(Date.UTC(2021, 5, 28, 23, 12, 9, 632));
    expect(parseRfc3339Ms('2021-06-28T23:12:11.499Z')).toBe(Date.UTC(2021, 5, 28, 23, 12, 11, 499));
    expect(parseRfc3339Ms('2021-06-28T23:12:11Z')).toBe(Date.UTC(2021, 5, 28, 23, 12, 11));
    expect(parseRfc3339Ms('2021-06-28T23:12:11.5+02:30')).toBe(Date.UTC(2021, 5, 28, 20, 42, 11, 500));
    expect(parseRfc3339Ms('2021-06-28T23:12:11-01:00')).toBe(Date.UTC(2021, 5, 29, 0, 12, 11));
  });

  it('reject malformed and impossible RFC 3339 values', () => {
    for (const s of ['2021-06-28', '2021-06-28T23:12:11', '2021-06-31T00:00:00Z', '2021-06-28T24:00:00Z', '2021-06-28T23:12:11.Z', '2021-06-28T23:12:11Zjunk', 'x021-06-28T23:12:11Z']) {
      expect(parseRfc3339Ms(s), s).toBeNaN();
    }
  });

  it('parse dates and times of day, leap years included', () => {
    expect(parseYmdMs('2016-02-29')).toBe(Date.UTC(2016, 1, 29));
    expect(parseYmdMs('2015-02-29')).toBeNaN();
    expect(parseYmdMs('2015/08/30')).toBeNaN();
    expect(parseHmsMs('01:02:03')).toBe(3_723_000);
    expect(parseHmsMs('01:02:03.25')).toBe(3_723_250);
    expect(parseHmsMs('1:02:03')).toBeNaN();
    expect(parseHmsMs('01:60:03')).toBeNaN();
  });

  it('parse the combined log format time with its zone', () => {
    expect(parseClfTimeMs('10/Oct/2000:13:55:36 -0700')).toBe(Date.UTC(2000, 9, 10, 20, 55, 36));
    expect(parseClfTimeMs('10/Oct/2000:13:55:37 -0700')).toBe(Date.UTC(2000, 9, 10, 20, 55, 37));
    expect(parseClfTimeMs('30/Aug/2015:00:00:01 +0200')).toBe(Date.UTC(2015, 7, 29, 22, 0, 1));
    expect(parseClfTimeMs('31/Apr/2015:00:00:01 +0000')).toBeNaN();
    expect(parseClfTimeMs('30/Aug/2015 00:00:01 +0000')).toBeNaN();
  });
});
