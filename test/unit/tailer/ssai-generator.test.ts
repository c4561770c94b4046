import { describe, it, expect } from 'vitest';
import type { SsaiEvent } from '../../../avro/generated/index.ts';
import { Rng, generateSsaiLines, mulberry32, ssaiFileName } from '../../../services/tailer/generate/index.ts';
import { parseSsaiLine } from '../../../services/tailer/parse/index.ts';
import { avroErrors, schemaType } from './avro-check.ts';

const ssaiType = schemaType('ssai.events.v1.avsc');

function take<T>(it: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  for (const x of it) {
    if (out.length >= n) break;
    out.push(x);
  }
  return out;
}

const lines = [...generateSsaiLines({ seed: 42, breaks: 400 })];
const events: SsaiEvent[] = lines.map((l, i) => {
  const r = parseSsaiLine(l, i + 1, { fileId: 'g', file: 'g' });
  if (r.kind !== 'record') throw new Error(`line ${i + 1} did not parse: ${JSON.stringify(r)}: ${l}`);
  return r.value;
});

describe('PRNG', () => {
  it('mulberry32 is deterministic and in [0, 1)', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
    expect(mulberry32(2)()).not.toBe(xs[0]);
  });

  it('Rng helpers stay in range', () => {
    const r = new Rng(5);
    for (let i = 0; i < 500; i++) {
      const n = r.int(3, 7);
      expect(n >= 3 && n <= 7 && Number.isInteger(n)).toBe(true);
    }
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(BigInt(r.uint63Text()) < 2n ** 63n).toBe(true);
  });
});

describe('SSAI log generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect([...generateSsaiLines({ seed: 42, breaks: 400 })]).toEqual(lines);
    expect(take(generateSsaiLines({ seed: 43, breaks: 400 }), 50)).not.toEqual(lines.slice(0, 50));
  });

  it('writes lines that all parse into schema-valid records', () => {
    expect(lines.length).toBeGreaterThan(2000);
    for (const e of events) expect(avroErrors(ssaiType, e)).toEqual([]);
  });

  it('writes uint64 span ids as bare JSON numbers that survive parsing exactly', () => {
    const withSpan = lines.filter((l) => l.includes('"span_id":'));
    expect(withSpan.length).toBeGreaterThan(500);
    for (const l of withSpan.slice(0, 200)) {
      const text = /"span_id":(\d+)/.exec(l)?.[1];
      const r = parseSsaiLine(l, 1, { fileId: 'g', file: 'g' });
      expect(r.kind === 'record' && r.value.span_id).toBe(text);
    }
    expect(events.some((e) => e.span_id !== null && !Number.isSafeInteger(Number(e.span_id)))).toBe(true);
  });

  it('covers all kinds, ad-server errors and timeouts, creative errors, failed and missing beacons', () => {
    const kinds = new Set(events.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['AdRequest', 'Creative', 'Impression', 'SessionSummary']);
    const requests = events.filter((e) => e.kind === 'AdRequest');
    expect(requests.some((e) => e.status_code === 200)).toBe(true);
    expect(requests.some((e) => (e.status_code ?? 0) >= 400 && e.error === true)).toBe(true);
    expect(requests.some((e) => e.status_code === 0 && e.error === true && e.response_headers === null)).toBe(true);
    const wrapperChain = requests.some((r) => requests.some((o) => o !== r && o.span_id === r.parent_span_id));
    expect(wrapperChain).toBe(true);
    const creatives = events.filter((e) => e.kind === 'Creative');
    expect(creatives.some((e) => e.creative?.state === 'active')).toBe(true);
    expect(creatives.some((e) => e.creative?.state !== 'active' && e.error === true)).toBe(true);
    const summaries = events.filter((e) => e.kind === 'SessionSummary');
    expect(summaries.some((e) => e.sessionSummary?.ad_count === 0)).toBe(true);
    expect(summaries.some((e) => (e.sessionSummary?.ads.length ?? 0) > 1)).toBe(true);
    for (const s of summaries) expect(s.sessionSummary?.ads.length).toBe(s.sessionSummary?.ad_count);
    const imps = events.filter((e) => e.kind === 'Impression');
    expect(imps.some((e) => e.status_code !== 200 && e.error === true)).toBe(true);
    // missing beacons: some break fired fewer impressions than its plan expects
    const fired = new Map<string, number>();
    for (const e of imps) fired.set(e.summary_id as string, (fired.get(e.summary_id as string) ?? 0) + 1);
    const short = summaries.filter((s) => {
      const expected = (s.sessionSummary?.ads ?? []).reduce((n, a) => n + a.imps.length, 0);
      return expected > 0 && (fired.get(s.summary_id as string) ?? 0) < expected;
    });
    expect(short.length).toBeGreaterThan(0);
  });

  it('has live sessions (summary per break) and VOD sessions (summary_id = session_id)', () => {
    expect(events.some((e) => e.live_job_id !== null && e.summary_id === `${e.adbreak_id}-${e.session_id}`)).toBe(true);
    expect(events.some((e) => e.video_id !== null && e.summary_id === e.session_id)).toBe(true);
  });

  it('writes each break’s plan before its beacons and keeps beacon times ordered', () => {
    const seen = new Set<string>();
    let last = -Infinity;
    for (const e of events) {
      if (e.kind === 'SessionSummary') seen.add(e.summary_id as string);
      if (e.kind === 'Impression') {
        expect(seen.has(e.summary_id as string)).toBe(true);
        expect(e.timestampMs).toBeGreaterThanOrEqual(last);
        last = e.timestampMs;
      }
    }
  });

  it('applies the sample percentage to whole sessions', () => {
    expect([...generateSsaiLines({ seed: 1, breaks: 100, samplePercentage: 0 })]).toEqual([]);
    const half = [...generateSsaiLines({ seed: 1, breaks: 300, samplePercentage: 50 })].length;
    const all = [...generateSsaiLines({ seed: 1, breaks: 300 })].length;
    expect(half).toBeGreaterThan(0);
    expect(half).toBeLessThan(all);
  });

  it('streams endlessly when asked', () => {
    const first = take(generateSsaiLines({ seed: 9, breaks: Infinity }), 20_000);
    expect(first).toHaveLength(20_000);
  });

  it('names files as seed 003 lays them out', () => {
    const name = ssaiFileName(new Rng(3), { atMs: Date.UTC(2021, 6, 17, 0, 37, 9), accountId: '4040098940001' });
    expect(name).toMatch(
      /^2021\/07\/17\/00\/[A-Za-z0-9]{11}\/prod-ssai-ad-tracking-4040098940001-1-2021-07-17-00-37-09-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(ssaiFileName(new Rng(3), { atMs: 0, gzip: true })).toMatch(/\.gz$/);
  });
});
