import { describe, it, expect } from 'vitest';
import { hashIp } from '../../../services/runtime/ip-privacy.ts';
import { KEY, fixtureLines, only, parseAll, records } from './access-fixtures.ts';
import { avroErrors, schemaType } from './avro-check.ts';

const accessType = schemaType('access.events.v1.avsc');
const lines = fixtureLines('MSLT20150830-00.w3c');
const results = parseAll('w3c', lines, 'MSLT20150830-00.w3c');

describe('W3C extended parser (fixture MSLT20150830-00.w3c)', () => {
  it('skips directives and parses every data line into a schema-valid record', () => {
    expect(results.map((r) => r.kind)).toEqual(['skip', 'skip', 'skip', 'skip', 'record', 'record', 'skip', 'skip', 'record', 'record']);
    for (const r of records(results)) {
      expect(avroErrors(accessType, r)).toEqual([]);
      expect(r.format).toBe('w3c');
    }
  });

  it('reads the first block: seed 004 example values, + as space in the user agent', () => {
    const e = only(results, 4);
    expect(e.timestamp).toBe(Date.UTC(2015, 7, 30, 0, 0, 1));
    expect(e.dateRaw).toBe('2015-08-30');
    expect(e.timeRaw).toBe('00:00:01');
    expect(e.method).toBe('GET');
    expect(e.status).toBe(200);
    expect(e.path).toBe('/FolderABC/2018/02/20180209_pine0823.mp3');
    expect(e.url).toBe('/FolderABC/2018/02/20180209_pine0823.mp3?siteplayer=true&episode=588472');
    expect(e.query).toEqual({ siteplayer: 'true', episode: '588472' });
    expect(e.bytes).toBe(766967);
    expect(e.objectSize).toBe(766967);
    expect(e.durationMs).toBe(312000);
    expect(e.referrer).toBe('https://www.example.com/podcasts/pine');
    expect(e.userAgent).toBe('Mozilla/5.0 (Windows NT 10.0; Win64; x64)');
    expect(e.ipHash).toBe(hashIp('200.150.100.111', KEY));
    expect(e.ipHashSource).toBe('ip');
    expect(e.ipTruncated).toBe('200.150.100.0');
    expect(e.source).toEqual({ fileId: 'id-MSLT20150830-00.w3c', file: 'MSLT20150830-00.w3c', line: 5 });
  });

  it('treats - as empty and parses a Range header value', () => {
    const e = only(results, 5);
    expect(e.query).toEqual({});
    expect(e.url).toBe('/FolderABC/2018/02/20180209_pine0823.mp3');
    expect(e.referrer).toBeNull();
    expect(e.status).toBe(206);
    expect(e.byteRangeRaw).toBe('bytes=2008-19568');
    expect(e.rangeStart).toBe(2008);
    expect(e.rangeEnd).toBe(19568);
  });

  it('follows a second #Fields block: date from #Date, cs-uri, quoted value, IPv6, CMCD', () => {
    const e = only(results, 8);
    expect(e.timestamp).toBe(Date.UTC(2015, 7, 30, 0, 0, 9));
    expect(e.dateRaw).toBe('2015-08-30');
    expect(e.userAgent).toBe('Podcasts/1650.20 CFNetwork/1333.0.4 Darwin/21.5.0');
    expect(e.ipTruncated).toBe('2001:db8:85a3:1::/64');
    expect(e.lsid).toBe('gaid-0c7e1d2f');
    expect(e.objectSize).toBeNull();
    expect(e.path).toBe('/FolderABC/2018/02/20180209_pine0823.mp3');
    expect(e.cmcd?.br).toBe(128);
    expect(e.cmcd?.ot).toBe('a');
    expect(e.cmcd?.sid).toBe('6e2fb550-c457-11e9-bb97-0800200c9a66');
  });

  it('uses the first X-Forwarded-For address as the listener and hashes every address', () => {
    const e = only(results, 9);
    expect(e.method).toBe('HEAD');
    expect(e.ipHashSource).toBe('forwarded_for');
    expect(e.ipHash).toBe(hashIp('198.51.100.23', KEY));
    expect(e.forwardedForHashes).toEqual([hashIp('198.51.100.23', KEY)]);
    expect(e.forwardedForTruncated).toEqual(['198.51.100.0']);
    // W3C writes spaces as '+': a literal '+' in an unquoted value cannot be told apart
    expect(e.userAgent).toBe('Overcast/3.0 ( http://overcast.fm/; Apple Watch podcast app)');
  });

  it('keeps + in URIs (a literal character there)', () => {
    const r = parseAll('w3c', ['#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status sc-bytes', '2015-08-30 10:00:00 1.2.3.4 GET /a+b.mp3 q=x+y 200 10']);
    const e = only(r, 1);
    expect(e.path).toBe('/a+b.mp3');
    expect(e.query).toEqual({ q: 'x y' });
  });

  it('handles tab-separated data under a space-separated #Fields line (CloudFront) and a time with fraction', () => {
    const r = parseAll('w3c', ['#Version: 1.0', '#Fields: date time c-ip cs-method cs-uri-stem sc-status sc-bytes cs(User-Agent)', '2015-08-30\t10:00:00.250\t1.2.3.4\tGET\t/a.mp3\t200\t10\tcurl/8.0']);
    const e = only(r, 2);
    expect(e.timestamp).toBe(Date.UTC(2015, 7, 30, 10, 0, 0, 250));
    expect(e.userAgent).toBe('curl/8.0');
  });
});

describe('W3C parser rejections', () => {
  const head = '#Fields: date time c-ip cs-method cs-uri-stem sc-status sc-bytes';
  const cases: Array<[string, string[], string]> = [
    ['a data line before #Fields', ['2015-08-30 10:00:00 1.2.3.4 GET /a.mp3 200 10'], 'NO_FIELDS_DIRECTIVE'],
    ['too few fields', [head, '2015-08-30 10:00:00 1.2.3.4 GET /a.mp3 200'], 'WRONG_FIELD_COUNT'],
    ['too many fields', [head, '2015-08-30 10:00:00 1.2.3.4 GET /a.mp3 200 10 extra'], 'WRONG_FIELD_COUNT'],
    ['a bad status', [head, '2015-08-30 10:00:00 1.2.3.4 GET /a.mp3 2x0 10'], 'BAD_STATUS'],
    ['a status out of range', [head, '2015-08-30 10:00:00 1.2.3.4 GET /a.mp3 700 10'], 'BAD_STATUS'],
    ['a bad date', [head, '2015-13-30 10:00:00 1.2.3.4 GET /a.mp3 200 10'], 'BAD_DATE'],
    ['a bad time', [head, '2015-08-30 25:00:00 1.2.3.4 GET /a.mp3 200 10'], 'BAD_DATE'],
    ['bad bytes', [head, '2015-08-30 10:00:00 1.2.3.4 GET /a.mp3 200 ten'], 'BAD_NUMBER'],
    ['a missing IP', [head, '2015-08-30 10:00:00 - GET /a.mp3 200 10'], 'MISSING_FIELD'],
  ];
  for (const [name, input, code] of cases) {
    it(`rejects ${name} (${code})`, () => {
      const r = parseAll('w3c', input);
      const last = r[r.length - 1];
      expect(last?.kind).toBe('reject');
      if (last?.kind === 'reject') {
        expect(last.code).toBe(code);
        expect(last.reason).not.toBe('');
      }
    });
  }

  it('goes on after a bad line', () => {
    const r = parseAll('w3c', [head, '2015-08-30 10:00:00 1.2.3.4 GET', '2015-08-30 10:00:01 1.2.3.4 GET /a.mp3 200 10']);
    expect(r.map((x) => x.kind)).toEqual(['skip', 'reject', 'record']);
  });
});
