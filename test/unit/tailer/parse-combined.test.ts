import { describe, it, expect } from 'vitest';
import { hashIp } from '../../../services/runtime/ip-privacy.ts';
import { KEY, fixtureLines, only, parseAll, records } from './access-fixtures.ts';
import { avroErrors, schemaType } from './avro-check.ts';

const accessType = schemaType('access.events.v1.avsc');
const results = parseAll('combined', fixtureLines('access-20150830.log'));

describe('combined log format parser (fixture access-20150830.log)', () => {
  it('parses every line into schema-valid records', () => {
    expect(results.map((r) => r.kind)).toEqual(['record', 'record', 'record', 'record', 'record']);
    for (const r of records(results)) expect(avroErrors(accessType, r)).toEqual([]);
  });

  it('reads an Apache/nginx combined line', () => {
    const e = only(results, 0);
    expect(e).toMatchObject({
      format: 'combined',
      ipHash: hashIp('200.150.100.111', KEY),
      timestamp: Date.UTC(2015, 7, 30, 0, 0, 1),
      dateRaw: '30/Aug/2015',
      timeRaw: '00:00:01 +0000',
      method: 'GET',
      url: '/FolderABC/2018/02/20180209_pine0823.mp3?siteplayer=true&episode=588472',
      protocol: 'HTTP/1.1',
      status: 200,
      bytes: 766967,
      referrer: 'https://www.example.com/podcasts/pine',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
    });
  });

  it('converts the zone offset to UTC and reads - bytes as 0', () => {
    expect(only(results, 1).timestamp).toBe(Date.UTC(2015, 7, 30, 0, 0, 7));
    expect(only(results, 1).referrer).toBeNull();
    expect(only(results, 2).bytes).toBe(0);
    expect(only(results, 2).status).toBe(304);
  });

  it("reads nginx's trailing X-Forwarded-For and Icecast's trailing duration", () => {
    const x = only(results, 2);
    expect(x.ipHashSource).toBe('forwarded_for');
    expect(x.ipHash).toBe(hashIp('203.0.113.77', KEY));
    const ice = only(results, 3);
    expect(ice.durationMs).toBe(327000);
    expect(ice.protocol).toBe('HTTP/1.0');
    expect(ice.ipTruncated).toBe('2001:db8:85a3:1::/64');
    expect(only(results, 4).method).toBe('HEAD');
  });

  it('unescapes quoted values', () => {
    const r = parseAll('combined', ['1.2.3.4 - - [30/Aug/2015:00:00:01 +0000] "GET /a.mp3 HTTP/1.1" 200 5 "-" "say \\"hi\\" \\x41"']);
    expect(only(r, 0).userAgent).toBe('say "hi" A');
  });

  it('accepts the common log format (no referrer or user agent)', () => {
    const r = parseAll('combined', ['1.2.3.4 - frank [30/Aug/2015:00:00:01 +0000] "GET /a.mp3 HTTP/1.0" 200 2326']);
    expect(only(r, 0).userAgent).toBe('');
    expect(only(r, 0).bytes).toBe(2326);
  });

  const cases: Array<[string, string, string]> = [
    ['no [time]', '1.2.3.4 - - "GET /a HTTP/1.1" 200 5 "-" "UA"', 'PARSE_ERROR'],
    ['a bad date', '1.2.3.4 - - [30/Foo/2015:00:00:01 +0000] "GET /a HTTP/1.1" 200 5 "-" "UA"', 'BAD_DATE'],
    ['a bad status', '1.2.3.4 - - [30/Aug/2015:00:00:01 +0000] "GET /a HTTP/1.1" abc 5 "-" "UA"', 'BAD_STATUS'],
    ['an empty request line', '1.2.3.4 - - [30/Aug/2015:00:00:01 +0000] "-" 408 0 "-" "-"', 'BAD_REQUEST_LINE'],
    ['a truncated line', '1.2.3.4 - - [30/Aug/2015:00:00:01 +0000] "GET /a HTTP/1.1', 'BAD_REQUEST_LINE'],
    ['missing bytes', '1.2.3.4 - - [30/Aug/2015:00:00:01 +0000] "GET /a HTTP/1.1" 200', 'PARSE_ERROR'],
  ];
  for (const [name, line, code] of cases) {
    it(`rejects ${name} (${code})`, () => {
      const [r] = parseAll('combined', [line]);
      expect(r?.kind).toBe('reject');
      if (r?.kind === 'reject') expect(r.code).toBe(code);
    });
  }
});
