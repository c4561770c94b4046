import { describe, it, expect } from 'vitest';
import { parseDateTimeString, epochMs } from '../../../services/collector/date-time.ts';

describe('parseDateTimeString', () => {
  it.each([
    ['2024-05-01T20:15:00Z', Date.UTC(2024, 4, 1, 20, 15, 0)],
    ['2024-05-01t20:15:00z', Date.UTC(2024, 4, 1, 20, 15, 0)],
    ['2024-05-01 20:15:00Z', Date.UTC(2024, 4, 1, 20, 15, 0)],
    ['2024-05-01T20:15:00', Date.UTC(2024, 4, 1, 20, 15, 0)],
    ['2024-05-01T20:15:00.1Z', Date.UTC(2024, 4, 1, 20, 15, 0, 100)],
    ['2024-05-01T20:15:00.12Z', Date.UTC(2024, 4, 1, 20, 15, 0, 120)],
    ['2024-05-01T20:15:00.123456789Z', Date.UTC(2024, 4, 1, 20, 15, 0, 123)],
    ['2024-05-01T20:15:00,5Z', Date.UTC(2024, 4, 1, 20, 15, 0, 500)],
    ['2024-05-01T22:15:00+02:00', Date.UTC(2024, 4, 1, 20, 15, 0)],
    ['2024-05-01T18:45:00-0130', Date.UTC(2024, 4, 1, 20, 15, 0)],
    ['2024-05-01T21:15:00+01', Date.UTC(2024, 4, 1, 20, 15, 0)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['1714594500000', 1714594500000],
  ])('accepts %s', (s, ms) => {
    expect(parseDateTimeString(s)).toBe(ms);
  });

  it.each([
    [''],
    ['2024-05-01'],
    ['2024-05-01T20:15Z'],
    ['2024-5-01T20:15:00Z'],
    ['2023-02-29T00:00:00Z'],
    ['2024-04-31T00:00:00Z'],
    ['2024-13-01T00:00:00Z'],
    ['2024-05-01T24:00:00Z'],
    ['2024-05-01T20:60:00Z'],
    ['2024-05-01T20:15:00.Z'],
    ['2024-05-01T20:15:00.1234567890Z'],
    ['2024-05-01T20:15:00+24:00'],
    ['2024-05-01T20:15:00 UTC'],
    ['2024-05-01T20:15:00Zjunk'],
    ['1969-12-31T23:59:59Z'],
    ['01/05/2024 20:15:00'],
    ['1714594500'],
    ['yesterday'],
  ])('rejects %j', (s) => {
    expect(parseDateTimeString(s)).toBeNull();
  });
});

describe('epochMs', () => {
  it('accepts integer milliseconds from 1e11 and refuses seconds, fractions and far futures', () => {
    expect(epochMs(1714594500000)).toBe(1714594500000);
    expect(epochMs(1714594500)).toBeNull();
    expect(epochMs(1714594500000.5)).toBeNull();
    expect(epochMs(3e14)).toBeNull();
  });
});
