import { describe, it, expect } from 'vitest';
import { parseByteRange } from '../../../services/tailer/parse/byte-range.ts';
import { parseQuery } from '../../../services/tailer/parse/parse-query.ts';
import { BoundedCache } from '../../../services/tailer/parse/bounded-cache.ts';
import { fieldIdOf, F } from '../../../services/tailer/parse/access-fields.ts';

describe('byte ranges', () => {
  it('parse the forms found in logs', () => {
    expect(parseByteRange('2008-19568')).toEqual({ start: 2008, end: 19568, total: null });
    expect(parseByteRange('bytes=0-1')).toEqual({ start: 0, end: 1, total: null });
    expect(parseByteRange('bytes 0-1/12345')).toEqual({ start: 0, end: 1, total: 12345 });
    expect(parseByteRange('bytes=100-')).toEqual({ start: 100, end: null, total: null });
    expect(parseByteRange('bytes=-500', 1000)).toEqual({ start: 500, end: 999, total: null });
    expect(parseByteRange('bytes=0-99,200-299')).toEqual({ start: 0, end: 99, total: null });
  });

  it('refuse what is not a range', () => {
    for (const s of ['', '-', 'abc', '10-5', 'bytes=a-b', '1-2/x']) expect(parseByteRange(s), s).toBeNull();
  });
});

describe('query strings', () => {
  it('decode form-encoded parameters, last value wins', () => {
    expect(parseQuery('?a=1&b=x%20y+z&a=2&flag&=skip&c=%E2%82%AC')).toEqual({ a: '2', b: 'x y z', flag: '', c: '€' });
  });

  it('keep undecodable values as logged and ignore __proto__', () => {
    const q = parseQuery('bad=%E2%82&__proto__=x');
    expect(q).toEqual({ bad: '%E2%82' });
    expect(Object.getPrototypeOf(q)).toBe(Object.prototype);
  });
});

describe('bounded cache', () => {
  it('keeps at most two generations and promotes old hits', () => {
    const c = new BoundedCache<number>(2);
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3); // a, b become old
    expect(c.get('a')).toBe(1); // promoted
    c.set('d', 4); // young {c, a} full → old; young {d}
    c.set('e', 5);
    c.set('f', 6); // old {d, e}; b and c are gone
    expect(c.get('b')).toBeUndefined();
    expect(c.get('d')).toBe(4);
    expect(c.size).toBeLessThanOrEqual(4);
  });
});

describe('field names', () => {
  it('map seed 004, W3C and CloudFront spellings', () => {
    expect(fieldIdOf('Hashed-IP')).toBe(F.HASHED_IP);
    expect(fieldIdOf('c-ip')).toBe(F.IP);
    expect(fieldIdOf('cs(User-Agent)')).toBe(F.USER_AGENT);
    expect(fieldIdOf('object size')).toBe(F.OBJECT_SIZE);
    expect(fieldIdOf('episode_guid')).toBe(F.EPISODE_GUID);
    expect(fieldIdOf('x-edge-location')).toBeNull();
  });
});
