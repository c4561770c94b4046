import { describe, it, expect } from 'vitest';
import { hashIp } from '../../../services/runtime/ip-privacy.ts';
import { KEY, fixtureLines, only, parseAll, records } from './access-fixtures.ts';
import { avroErrors, schemaType } from './avro-check.ts';

const accessType = schemaType('access.events.v1.avsc');
const results = parseAll('akamai', fixtureLines('MSLT20150830-00.akamai'));

describe('Akamai Luna extended parser (fixture MSLT20150830-00.akamai)', () => {
  it('parses every line of the 14-field format into schema-valid records', () => {
    expect(results.map((r) => r.kind)).toEqual(['record', 'record', 'record']);
    for (const r of records(results)) expect(avroErrors(accessType, r)).toEqual([]);
  });

  it('maps the 14 fields in seed 004 order, unquoting referrer and user agent', () => {
    const e = only(results, 0);
    expect(e).toMatchObject({
      format: 'akamai',
      timestamp: Date.UTC(2015, 7, 30, 0, 0, 1),
      dateRaw: '2015-08-30',
      timeRaw: '00:00:01',
      ipHash: hashIp('200.150.100.111', KEY),
      method: 'GET',
      url: '/FolderABC/2018/02/20180209_pine0823.mp3?siteplayer=true&episode=588472',
      status: 200,
      bytes: 766967,
      durationMs: 1250,
      referrer: 'https://www.example.com/podcasts/pine',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
      objectSize: 766967,
      byteRangeRaw: null,
      lastByteServed: true,
    });
    // the cookie is not kept
    expect(JSON.stringify(e)).not.toContain('sessionid');
  });

  it('reads byte ranges, quoted "-" as empty, and IPv6', () => {
    const b = only(results, 1);
    expect(b.referrer).toBeNull();
    expect(b.rangeStart).toBe(2008);
    expect(b.rangeEnd).toBe(19568);
    expect(b.lastByteServed).toBe(false);
    const c = only(results, 2);
    expect(c.rangeStart).toBe(0);
    expect(c.rangeEnd).toBe(1);
    expect(c.ipTruncated).toBe('2001:db8:85a3:1::/64');
  });

  it('rejects a wrong field count, a bad status and a bad date', () => {
    const line = fixtureLines('MSLT20150830-00.akamai')[0] as string;
    const cells = line.split('\t');
    const r = parseAll('akamai', [
      cells.slice(0, 13).join('\t'),
      [...cells, 'x'].join('\t'),
      cells.map((c, i) => (i === 5 ? '20' : c)).join('\t'),
      cells.map((c, i) => (i === 0 ? '2015-08-32' : c)).join('\t'),
    ]);
    expect(r.map((x) => (x.kind === 'reject' ? x.code : x.kind))).toEqual(['WRONG_FIELD_COUNT', 'WRONG_FIELD_COUNT', 'BAD_STATUS', 'BAD_DATE']);
  });
});
