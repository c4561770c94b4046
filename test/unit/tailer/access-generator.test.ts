import { describe, it, expect } from 'vitest';
import type { AccessEvent, AccessFormat } from '../../../avro/generated/index.ts';
import { accessFileName, generateAccessLines, generateAccessRequests } from '../../../services/tailer/generate/index.ts';
import { createAccessParser, detectAccessFormat } from '../../../services/tailer/parse/index.ts';
import { avroErrors, schemaType } from './avro-check.ts';

const accessType = schemaType('access.events.v1.avsc');
const FORMATS: AccessFormat[] = ['w3c', 'tsv', 'akamai', 'combined'];
const REQUESTS = 3000;

function parseLines(format: AccessFormat, lines: readonly string[]): { records: AccessEvent[]; skips: number; rejects: string[] } {
  const p = createAccessParser(format, { ipHashKey: 'k', fileId: 'g', file: 'g' });
  const records: AccessEvent[] = [];
  let skips = 0;
  const rejects: string[] = [];
  lines.forEach((l, i) => {
    const r = p.parseLine(l, i + 1);
    if (r.kind === 'record') records.push(r.value);
    else if (r.kind === 'skip') skips++;
    else rejects.push(`${i + 1}: ${r.code} ${r.reason}: ${l}`);
  });
  return { records, skips, rejects };
}

const generated = new Map(FORMATS.map((f) => [f, [...generateAccessLines(f, { seed: 77, requests: REQUESTS, fieldsChangeEvery: 400 })]]));
const parsed = new Map(FORMATS.map((f) => [f, parseLines(f, generated.get(f) ?? [])]));

describe('access log generator', () => {
  for (const format of FORMATS) {
    it(`${format}: deterministic, detected, and every line parses`, () => {
      const lines = generated.get(format) ?? [];
      expect([...generateAccessLines(format, { seed: 77, requests: REQUESTS, fieldsChangeEvery: 400 })]).toEqual(lines);
      expect(detectAccessFormat(lines.slice(0, 20))).toBe(format);
      const { records, rejects } = parsed.get(format) ?? { records: [], rejects: ['missing'] };
      expect(rejects).toEqual([]);
      expect(records).toHaveLength(REQUESTS);
      for (const r of records.slice(0, 300)) expect(avroErrors(accessType, r)).toEqual([]);
    });
  }

  it('differs across seeds', () => {
    const a = [...generateAccessLines('tsv', { seed: 1, requests: 50 })];
    const b = [...generateAccessLines('tsv', { seed: 2, requests: 50 })];
    expect(a).not.toEqual(b);
  });

  it('renders the same requests in every format (same time, method, status, path, bytes)', () => {
    const core = (e: AccessEvent): string => `${e.timestamp} ${e.method} ${e.status} ${e.path} ${e.bytes}`;
    const w3c = (parsed.get('w3c')?.records ?? []).map(core);
    for (const f of FORMATS) expect((parsed.get(f)?.records ?? []).map(core)).toEqual(w3c);
  });

  it('produces the traffic the listening rules need', () => {
    const recs = parsed.get('tsv')?.records ?? [];
    expect(recs.some((e) => e.status === 206 && e.rangeStart === 0 && e.rangeEnd === 1 && e.bytes === 2)).toBe(true); // probes
    expect(recs.some((e) => e.status === 206 && (e.rangeEnd ?? 0) > 1)).toBe(true); // ranges
    expect(recs.some((e) => e.status === 200 && e.method === 'GET' && e.rangeStart === null)).toBe(true); // whole file
    expect(recs.some((e) => e.status === 304)).toBe(true);
    expect(recs.some((e) => e.method === 'HEAD')).toBe(true);
    expect(recs.some((e) => /bot|curl|python-requests/i.test(e.userAgent))).toBe(true);
    expect(recs.some((e) => e.ipTruncated?.endsWith('::/64'))).toBe(true);
    expect(recs.some((e) => e.cmcd !== null && e.cmcd.sid !== null && e.cmcd.ot === 'a')).toBe(true);
    expect(recs.some((e) => e.ipHashSource === 'forwarded_for')).toBe(true);
    expect(recs.some((e) => e.ipHashSource === 'hashed_ip')).toBe(true);
    expect(recs.some((e) => e.episodeGuid !== null && e.podcastId !== null)).toBe(true);
    // time-ordered
    for (let i = 1; i < recs.length; i++) expect(recs[i]?.timestamp ?? 0).toBeGreaterThanOrEqual(recs[i - 1]?.timestamp ?? 0);
  });

  it('changes W3C #Fields mid-file', () => {
    const lines = generated.get('w3c') ?? [];
    const fieldLines = new Set(lines.filter((l) => l.startsWith('#Fields:')));
    expect(lines.filter((l) => l.startsWith('#Fields:')).length).toBeGreaterThan(2);
    expect(fieldLines.size).toBe(2);
  });

  it('writes TSV with or without the header row, and with comments', () => {
    const withHeader = generated.get('tsv') ?? [];
    expect(withHeader[1]?.startsWith('ip\thashed-ip\tuser-agent')).toBe(true);
    expect(withHeader.filter((l) => l.startsWith('#')).length).toBeGreaterThan(1);
    const bare = [...generateAccessLines('tsv', { seed: 77, requests: 500, header: false, comments: false })];
    expect(bare.some((l) => l.startsWith('ip\t') || l.startsWith('#'))).toBe(false);
    const r = parseLines('tsv', bare);
    expect(r.rejects).toEqual([]);
    expect(r.records).toHaveLength(500);
  });

  it('streams endlessly when asked', () => {
    let n = 0;
    for (const r of generateAccessRequests({ seed: 4, requests: Infinity })) {
      expect(r.timeMs).toBeGreaterThan(0);
      if (++n >= 20_000) break;
    }
    expect(n).toBe(20_000);
  });

  it('names files as seed 004 suggests', () => {
    expect(accessFileName({ format: 'tsv', dateMs: Date.UTC(2015, 7, 30, 13), gzip: true })).toBe('MSLT20150830-00.tsv.gz');
    expect(accessFileName({ format: 'w3c', dateMs: Date.UTC(2015, 7, 30), seq: 13 })).toBe('MSLT20150830-13.w3c');
    expect(accessFileName({ format: 'combined', dateMs: Date.UTC(2015, 7, 30), prefix: 'edge' })).toBe('edge20150830-00.log');
  });
});
