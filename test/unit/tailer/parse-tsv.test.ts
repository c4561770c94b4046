import { describe, it, expect } from 'vitest';
import { hashIp } from '../../../services/runtime/ip-privacy.ts';
import { createAccessParser, createIpHasher } from '../../../services/tailer/parse/index.ts';
import { KEY, fixtureLines, only, parseAll, records } from './access-fixtures.ts';
import { avroErrors, schemaType } from './avro-check.ts';

const accessType = schemaType('access.events.v1.avsc');

describe('TSV parser with a header row (fixture MSLT20150830-00.tsv)', () => {
  const results = parseAll('tsv', fixtureLines('MSLT20150830-00.tsv'));

  it('skips comments and the header, parses every data line', () => {
    expect(results.map((r) => r.kind)).toEqual(['skip', 'skip', 'record', 'skip', 'record', 'record']);
    for (const r of records(results)) expect(avroErrors(accessType, r)).toEqual([]);
  });

  it('reads every seed 004 field of a full line', () => {
    const e = only(results, 2);
    expect(e).toMatchObject({
      format: 'tsv',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
      timestamp: Date.UTC(2015, 7, 30, 0, 0, 1),
      method: 'GET',
      status: 200,
      url: '/FolderABC/2018/02/20180209_pine0823.mp3?siteplayer=true&episode=588472',
      path: '/FolderABC/2018/02/20180209_pine0823.mp3',
      query: { siteplayer: 'true', episode: '588472' },
      bytes: 766967,
      objectSize: 766967,
      byteRangeRaw: null,
      referrer: 'https://www.example.com/podcasts/pine',
      durationMs: 312000,
      episodeGuid: 'a8b3c0de-5f2e-4b7a-9d41-1c2b3a4d5e6f',
      podcastId: 'pine-podcast',
      vid: 'visitor-42',
      lsid: 'gaid-0c7e1d2f',
      gender: 'F',
      yob: 1985,
      age: 30,
      postalCode: '10001',
      hasAds: true,
      dev: 'android',
      dist: 'partner-b',
      ss: 'publisher-a',
      ps: 'webplayer',
      ipHashSource: 'ip',
      ipHash: hashIp('200.150.100.111', KEY),
      ipTruncated: '200.150.100.0',
      forwardedForHashes: [],
    });
  });

  it('uses the Hashed-IP column (re-keyed) when the IP is truncated', () => {
    const e = only(results, 4);
    expect(e.ipHashSource).toBe('hashed_ip');
    expect(e.ipHash).toBe(createIpHasher(KEY).text('hashed_ip', '5d41402abc4b2a76b9719d911017c592'));
    expect(e.ipHash).not.toBe(hashIp('200.150.100.0', KEY));
    expect(JSON.stringify(e)).not.toContain('5d41402abc4b2a76b9719d911017c592');
    expect(e.ipTruncated).toBe('200.150.100.0');
    expect(e.rangeStart).toBe(2008);
    expect(e.rangeEnd).toBe(19568);
    expect(e.hasAds).toBe(false);
    expect(e.gender).toBe('U');
  });

  it('reads a bytes=0-1 probe and X-Forwarded-For', () => {
    const e = only(results, 5);
    expect(e.status).toBe(206);
    expect(e.bytes).toBe(2);
    expect(e.rangeStart).toBe(0);
    expect(e.rangeEnd).toBe(1);
    expect(e.ipHashSource).toBe('forwarded_for');
    expect(e.ipHash).toBe(hashIp('203.0.113.77', KEY));
    expect(e.forwardedForTruncated).toEqual(['203.0.113.0', '10.0.0.0']);
  });
});

describe('TSV parser without a header row (fixture MSLT20150830-01.tsv)', () => {
  const results = parseAll('tsv', fixtureLines('MSLT20150830-01.tsv'));

  it('uses seed 004 field order, 11 required fields optionally followed by optional ones', () => {
    expect(results.map((r) => r.kind)).toEqual(['skip', 'record', 'record', 'skip', 'record']);
    const a = only(results, 1);
    expect(a.status).toBe(200);
    expect(a.userAgent).toBe('Mozilla/5.0 (Windows NT 10.0; Win64; x64)');
    expect(a.timestamp).toBe(Date.UTC(2015, 7, 30, 1, 0, 0));
    expect(a.durationMs).toBeNull();
    const b = only(results, 2);
    expect(b.method).toBe('HEAD');
    expect(b.ipTruncated).toBe('2001:db8:85a3:1::/64');
    expect(b.episodeGuid).toBe('guid-1');
    expect(b.durationMs).toBe(0);
    expect(only(results, 4).status).toBe(304);
  });

  it('accepts configured columns instead', () => {
    const p = createAccessParser('tsv', { ipHashKey: KEY, fileId: 'x', file: 'x', tsvColumns: ['date', 'time', 'ip', 'method', 'url', 'status', 'bytes', 'user-agent'] });
    const r = p.parseLine('2015-08-30\t10:00:00\t1.2.3.4\tGET\t/a.mp3\t200\t5\tcurl/8', 1);
    expect(r.kind === 'record' && r.value.userAgent).toBe('curl/8');
  });
});

describe('TSV parser rejections', () => {
  const good = '1.2.3.4\t-\tUA\t2015-08-30\t10:00:00\tGET\t200\t/a.mp3\t10\t10\t-';
  const cases: Array<[string, string, string]> = [
    ['too few fields', '1.2.3.4\t-\tUA\t2015-08-30\t10:00:00\tGET\t200', 'WRONG_FIELD_COUNT'],
    ['too many fields', good + '\t-'.repeat(20), 'WRONG_FIELD_COUNT'],
    ['a bad status', good.replace('\t200\t', '\tOK\t'), 'BAD_STATUS'],
    ['a bad date', good.replace('2015-08-30', '30.08.2015'), 'BAD_DATE'],
    ['an impossible date', good.replace('2015-08-30', '2015-02-29'), 'BAD_DATE'],
    ['a bad object size', good.replace('\t10\t10\t', '\t10\tbig\t'), 'BAD_NUMBER'],
    ['a missing method', good.replace('\tGET\t', '\t-\t'), 'MISSING_FIELD'],
    ['a missing url', good.replace('\t/a.mp3\t', '\t-\t'), 'MISSING_FIELD'],
  ];
  for (const [name, line, code] of cases) {
    it(`rejects ${name} (${code})`, () => {
      const [r] = parseAll('tsv', [line]);
      expect(r?.kind).toBe('reject');
      if (r?.kind === 'reject') expect(r.code).toBe(code);
    });
  }

  it('checks the field count against the header when there is one', () => {
    const header = 'ip\tuser-agent\tdate\ttime\tmethod\tstatus\turl\tbytes';
    const r = parseAll('tsv', [header, '1.2.3.4\tUA\t2015-08-30\t10:00:00\tGET\t200\t/a\t5', '1.2.3.4\tUA\t2015-08-30\t10:00:00\tGET\t200\t/a']);
    expect(r.map((x) => x.kind)).toEqual(['skip', 'record', 'reject']);
    const last = r[2];
    expect(last?.kind === 'reject' && last.reason).toContain('expected 8');
  });
});
