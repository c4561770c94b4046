import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SsaiEvent } from '../../../avro/generated/index.ts';
import { parseSsaiLine, createSsaiParser } from '../../../services/tailer/parse/index.ts';
import type { LineResult } from '../../../services/tailer/parse/index.ts';
import { hashIp } from '../../../services/runtime/ip-privacy.ts';
import { FIXTURES, avroErrors, schemaType } from './avro-check.ts';

const SAMPLE = 'prod-ssai-ad-tracking-4040098940001-1-2021-07-17-00-37-09-caeb9e2e-8b54-42f6-b4f7-cbddfc5090e6';
const sampleLines = readFileSync(join(FIXTURES, 'ssai', SAMPLE), 'utf8').split('\n').filter((l) => l.trim() !== '');
const SRC = { fileId: 'fid-1', file: `2021/07/17/00/00HwB2cbPB2/${SAMPLE}` };
const ssaiType = schemaType('ssai.events.v1.avsc');

function ok(r: LineResult<SsaiEvent>): SsaiEvent {
  if (r.kind !== 'record') throw new Error(`expected a record, got ${JSON.stringify(r)}`);
  return r.value;
}

const parsed = sampleLines.map((l, i) => ok(parseSsaiLine(l, i + 1, SRC)));

describe('parseSsaiLine on the seed 003 sample file', () => {
  it('has the 28 lines of the seed sample, all four kinds', () => {
    expect(readdirSync(join(FIXTURES, 'ssai'))).toContain(SAMPLE);
    expect(sampleLines).toHaveLength(28);
    const byKind = new Map<string, number>();
    for (const e of parsed) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);
    expect(Object.fromEntries(byKind)).toEqual({ Creative: 4, AdRequest: 4, SessionSummary: 4, Impression: 16 });
  });

  it('produces records valid against avro/ssai.events.v1.avsc, with their source position', () => {
    parsed.forEach((e, i) => {
      expect(avroErrors(ssaiType, e), `line ${i + 1}`).toEqual([]);
      expect(e.source).toEqual({ fileId: 'fid-1', file: SRC.file, line: i + 1 });
      expect(e.tenant).toBeNull();
      expect(e.extra).toEqual({});
    });
  });

  it('reads the Creative example exactly (line 1)', () => {
    const e = parsed[0] as SsaiEvent;
    expect(e.kind).toBe('Creative');
    expect(e.session_id).toBe('9b393cbf9a4d4528a850c79a283b8b25');
    expect(e.summary_id).toBe('adBreak-992ab149ce3e40b6a5b9c6d9842a0979-0e96c29df5214a4195e7e94f9cf90c8b-9b393cbf9a4d4528a850c79a283b8b25');
    expect(e.adbreak_id).toBe('adBreak-992ab149ce3e40b6a5b9c6d9842a0979-0e96c29df5214a4195e7e94f9cf90c8b');
    expect(e.account_id).toBe('5100000201001');
    expect(e.live_account_id).toBe('e807026ec740429985d04b91cf936f81');
    expect(e.live_job_id).toBe('992ab149ce3e40b6a5b9c6d9842a0979');
    expect(e.timestamp).toBe('2021-06-28T23:12:09.632710435Z');
    expect(e.timestampMs).toBe(Date.UTC(2021, 5, 28, 23, 12, 9, 632));
    expect(e.span_id).toBe('3223646445953404770');
    expect(e.parent_span_id).toBe('3004116763771491424');
    expect(e.creative).toEqual({ state: 'active', fk: 'ad-id-1', record_id: null, source_url: 'https://somesourceasset.com/adcreative.mp4' });
    expect(e.adRequest).toBeNull();
    expect(e.sessionSummary).toBeNull();
    expect(e.impression).toBeNull();
    expect(e.url).toBeNull();
  });

  it('reads the AdRequest example exactly (line 2)', () => {
    const e = parsed[1] as SsaiEvent;
    expect(e.kind).toBe('AdRequest');
    expect(e.timestamp).toBe('2021-06-28T23:12:09.585696184Z');
    expect(e.span_id).toBe('5596747569705325007');
    expect(e.parent_span_id).toBe('5124250183191295144');
    expect(e.url).toBe('https://ad-provider-host.com/path/to/ad-handler');
    expect(e.status_code).toBe(200);
    expect(e.duration).toBe(1910203645);
    expect(e.adRequest).toEqual({ provider: 'vast_3' });
    expect(e.response_headers?.['Age']).toEqual(['66004']);
    expect(e.response_headers?.['Etag']).toEqual(['"0801eec0f0f1c1378b409f0b1eaa241e"']);
    expect(Object.keys(e.response_headers ?? {})).toHaveLength(13);
    expect(e.request_headers?.['Referer']).toEqual(['https://referer-host.com']);
    expect(e.request_headers?.['User-Agent']).toEqual([
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.1.1 Safari/605.1.15',
    ]);
  });

  it('reads the SessionSummary example exactly (line 3): the plan with ads[] and imps[]', () => {
    const e = parsed[2] as SsaiEvent;
    expect(e.kind).toBe('SessionSummary');
    expect(e.live_app_id).toBe('a51db89789e0413a87ee356bed6965b0');
    expect(e.region).toBe('us-west-2');
    expect(e.duration).toBe(1923000000);
    expect(e.status_code).toBe(200);
    expect(e.timestampMs).toBe(Date.UTC(2021, 5, 28, 23, 12, 11, 499));
    expect(e.span_id).toBeNull();
    expect(e.sessionSummary).toEqual({
      odur: 32000000000,
      rdur: 32000000000,
      sdur: 34000000000,
      ad_count: 1,
      sls: false,
      client_only_tracking: false,
      ads: [
        {
          type: 'midroll',
          fk: 'ad-id-1',
          cdur: 30322000000,
          imps: [
            { type: 'AdStart', url: 'https://ad-provider-host.com/api/tracking?event=impression' },
            { type: 'AdFirstQuartile', url: 'https://ad-provider-host.com/api/tracking?event=firstQuartile' },
            { type: 'AdMidpoint', url: 'https://ad-provider-host.com/api/tracking?event=midpoint' },
            { type: 'AdThirdQuartile', url: 'https://ad-provider-host.com/api/tracking?event=thirdQuartile' },
            { type: 'AdComplete', url: 'https://ad-provider-host.com/api/tracking?event=complete' },
          ],
        },
      ],
    });
  });

  it('reads the Impression example (line 4): string headers as lists, fractional ns rounded', () => {
    const e = parsed[3] as SsaiEvent;
    expect(e.kind).toBe('Impression');
    expect(e.impression).toEqual({ impression_type: 'AdStart' });
    expect(e.url).toBe('https://ad-provider-host.com/api/tracking?event=impression');
    expect(e.status_code).toBe(200);
    expect(e.duration).toBe(114524248); // 114524248.00000153 in the log
    expect(e.request_headers?.['Connection']).toEqual(['keep-alive']);
    expect(e.request_headers?.['Referer']).toEqual(['https://referer-host.com']);
  });

  it('matches every member of every seed line (generic check against the raw JSON)', () => {
    const SUB: Record<string, keyof SsaiEvent> = {
      provider: 'adRequest', state: 'creative', fk: 'creative', record_id: 'creative', source_url: 'creative',
      odur: 'sessionSummary', rdur: 'sessionSummary', sdur: 'sessionSummary', ad_count: 'sessionSummary', sls: 'sessionSummary',
      client_only_tracking: 'sessionSummary', ads: 'sessionSummary', impression_type: 'impression',
    };
    sampleLines.forEach((line, i) => {
      const raw = JSON.parse(line) as Record<string, unknown>;
      const e = parsed[i] as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(raw)) {
        if (k === 'request_headers' || k === 'response_headers') continue;
        const holder = SUB[k] ? (e[SUB[k] as string] as Record<string, unknown>) : e;
        const got = holder[k];
        if (k === 'span_id' || k === 'parent_span_id') expect(got, `${i + 1}.${k}`).toBe(new RegExp(`"${k}":(\\d+)`).exec(line)?.[1]);
        else if (k === 'duration') expect(got, `${i + 1}.${k}`).toBe(Math.round(v as number));
        else if (k === 'ads') expect((got as unknown[]).length).toBe((v as unknown[]).length);
        else expect(got, `${i + 1}.${k}`).toEqual(v);
      }
    });
  });

  it('keeps uint64 span ids exact where a double would round them', () => {
    const spans = parsed.filter((e) => e.span_id !== null).map((e) => e.span_id as string);
    expect(spans).toHaveLength(8);
    for (const s of spans) expect(sampleLines.some((l) => l.includes(`"span_id":${s},`))).toBe(true);
    // the seed ids are above 2^53: going through Number would change them
    expect(spans.filter((s) => String(Number(s)) !== s).length).toBeGreaterThan(0);
    const max = parseSsaiLine(
      '{"kind":"Creative","session_id":"s","timestamp":"2021-06-28T23:12:09Z","span_id":18446744073709551615,"parent_span_id":9007199254740993}',
      1,
      SRC,
    );
    expect(ok(max).span_id).toBe('18446744073709551615');
    expect(ok(max).parent_span_id).toBe('9007199254740993');
  });

  it('accepts span ids written as strings and small ids as numbers', () => {
    const e = ok(parseSsaiLine('{"kind":"Creative","session_id":"s","timestamp":"2021-06-28T23:12:09Z","span_id":"123","parent_span_id":42}', 1, SRC));
    expect(e.span_id).toBe('123');
    expect(e.parent_span_id).toBe('42');
  });

  it('is not fooled by a span_id text inside a string value', () => {
    const line =
      '{"kind":"Creative","session_id":"s","timestamp":"2021-06-28T23:12:09Z","source_url":"x\\"span_id\\":1","span_id":12345678901234567890}';
    expect(ok(parseSsaiLine(line, 1, SRC)).span_id).toBe('12345678901234567890');
  });
});

describe('parseSsaiLine privacy and options', () => {
  it('never carries the viewer IP raw: X-Forwarded-For dropped without a key', () => {
    for (const e of parsed) {
      expect(JSON.stringify(e)).not.toContain('127.0.0.1');
      if (e.request_headers) expect(e.request_headers['X-Forwarded-For']).toBeUndefined();
    }
  });

  it('replaces X-Forwarded-For by the keyed hash (the same as hashIp) when a key is set', () => {
    const p = createSsaiParser({ ...SRC, ipHashKey: 'k1', tenant: 'acme' });
    const e = ok(p.parseLine(sampleLines[1] as string, 2));
    expect(e.request_headers?.['X-Forwarded-For']).toEqual([hashIp('127.0.0.1', 'k1')]);
    expect(e.tenant).toBe('acme');
    const imp = ok(p.parseLine(sampleLines[3] as string, 4));
    expect(imp.request_headers?.['X-Forwarded-For']).toEqual([hashIp('127.0.0.1', 'k1')]);
    expect(JSON.stringify(imp)).not.toContain('127.0.0.1');
    const multi = ok(
      p.parseLine('{"kind":"Impression","session_id":"s","timestamp":"2021-06-28T23:12:09Z","request_headers":{"x-real-ip":"203.0.113.9","X-Forwarded-For":"198.51.100.7, 10.0.0.1"}}', 1),
    );
    expect(multi.request_headers?.['x-real-ip']).toEqual([hashIp('203.0.113.9', 'k1')]);
    expect(multi.request_headers?.['X-Forwarded-For']).toEqual([`${hashIp('198.51.100.7', 'k1')}, ${hashIp('10.0.0.1', 'k1')}`]);
    expect(JSON.stringify(multi)).not.toMatch(/203\.0\.113\.9|198\.51\.100\.7/);
  });

  it('keeps unknown members in extra as JSON text and kind-foreign members out of the sub-records', () => {
    const e = ok(
      parseSsaiLine('  {"kind":"Impression","session_id":"s","timestamp":"2021-06-28T23:12:09.1+02:00","impression_type":"AdComplete","provider":"vmap","custom":{"a":[1,2]},"error":true}\r', 9, SRC),
    );
    expect(e.timestampMs).toBe(Date.UTC(2021, 5, 28, 21, 12, 9, 100));
    expect(e.impression).toEqual({ impression_type: 'AdComplete' });
    expect(e.adRequest).toBeNull();
    expect(e.extra).toEqual({ provider: '"vmap"', custom: '{"a":[1,2]}' });
    expect(e.error).toBe(true);
    expect(avroErrors(ssaiType, e)).toEqual([]);
  });
});

describe('parseSsaiLine rejections', () => {
  const cases: Array<[string, string, string]> = [
    ['truncated JSON', sampleLines[0]?.slice(0, 120) ?? '', 'PARSE_ERROR'],
    ['not an object', '["kind","Creative"]', 'PARSE_ERROR'],
    ['plain text', 'hello world', 'PARSE_ERROR'],
    ['unknown kind', '{"kind":"Tracking","session_id":"s","timestamp":"2021-06-28T23:12:09Z"}', 'UNKNOWN_KIND'],
    ['missing kind', '{"session_id":"s","timestamp":"2021-06-28T23:12:09Z"}', 'MISSING_FIELD'],
    ['missing session_id', '{"kind":"Creative","timestamp":"2021-06-28T23:12:09Z"}', 'MISSING_FIELD'],
    ['missing timestamp', '{"kind":"Creative","session_id":"s"}', 'MISSING_FIELD'],
    ['bad timestamp', '{"kind":"Creative","session_id":"s","timestamp":"2021-02-30T10:00:00Z"}', 'BAD_DATE'],
    ['bad status type', '{"kind":"AdRequest","session_id":"s","timestamp":"2021-06-28T23:12:09Z","status_code":"ok"}', 'BAD_FIELD'],
    ['bad ads', '{"kind":"SessionSummary","session_id":"s","timestamp":"2021-06-28T23:12:09Z","ads":{}}', 'BAD_FIELD'],
    ['bad span id', '{"kind":"Creative","session_id":"s","timestamp":"2021-06-28T23:12:09Z","span_id":1.5e300}', 'BAD_FIELD'],
  ];
  for (const [name, line, code] of cases) {
    it(`rejects ${name} with ${code} and a reason`, () => {
      const r = parseSsaiLine(line, 1, SRC);
      expect(r.kind).toBe('reject');
      if (r.kind !== 'reject') return;
      expect(r.code).toBe(code);
      expect(r.reason.length).toBeGreaterThan(5);
    });
  }

  it('names the field in the reason', () => {
    const r = parseSsaiLine('{"kind":"AdRequest","session_id":"s","timestamp":"2021-06-28T23:12:09Z","status_code":"ok"}', 1, SRC);
    expect(r.kind === 'reject' && r.reason).toContain('status_code');
  });

  it('skips blank lines', () => {
    expect(parseSsaiLine('', 1, SRC).kind).toBe('skip');
    expect(parseSsaiLine('   \r', 1, SRC).kind).toBe('skip');
  });
});
