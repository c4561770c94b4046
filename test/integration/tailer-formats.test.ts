/**
 * Each format end to end, from a file in the inbox into its topic, decoded: seed 003's sample
 * SSAI file (in the S3 layout), gzip SSAI, W3C, TSV (with and without header), Akamai, combined
 * (auto-detected and forced formats); bad lines and late records into dlq.v1 with file, line and reason.
 */
import { describe, it, expect, inject, beforeAll, afterAll } from 'vitest';
import { cpSync, mkdirSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AccessEvent, DeadLetter, SsaiEvent } from '../../avro/generated/index.ts';
import { createAccessParser, createSsaiParser } from '../../services/tailer/parse/index.ts';
import type { AccessFormat } from '../../avro/generated/index.ts';
import { buildTailer, type Tailer } from '../../services/tailer/build.ts';
import { silentLogger } from '../../services/runtime/logger.ts';
import { tailerTestRun, readTopic, decodeAll, type TailerTestRun } from '../support/tailer-helpers.ts';

const stack = inject('stack');
const FIXTURES = join(process.cwd(), 'test/fixtures');
const SEED_SAMPLE = 'prod-ssai-ad-tracking-4040098940001-1-2021-07-17-00-37-09-caeb9e2e-8b54-42f6-b4f7-cbddfc5090e6';
const ACCESS_FILES: Array<[string, AccessFormat]> = [
  ['MSLT20150830-00.w3c', 'w3c'],
  ['MSLT20150830-00.tsv', 'tsv'],
  ['MSLT20150830-01.tsv', 'tsv'],
  ['MSLT20150830-00.akamai', 'akamai'],
  ['access-20150830.log', 'combined'],
];

function fixtureRecords(text: string, parse: (l: string, n: number) => { kind: string }): number[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.flatMap((l, i) => (parse(l, i + 1).kind === 'record' ? [i + 1] : []));
}

// Once with lines parsed on the file job's thread, once in a parse worker (TAILER_PARSE_WORKERS).
describe.each(['0', '1'])('tailer formats end to end (TAILER_PARSE_WORKERS=%s)', (workers) => {
  let run: TailerTestRun;
  let tailer: Tailer;
  let ssaiDir: string;
  let accessDir: string;

  beforeAll(async () => {
    run = await tailerTestRun(stack, `tfmt${workers}`);
    ssaiDir = join(run.dir, 'inbox/ssai');
    accessDir = join(run.dir, 'inbox/access');
    const s3 = join(ssaiDir, '2021/07/17/00/00HwB2cbPB2');
    mkdirSync(s3, { recursive: true });
    cpSync(join(FIXTURES, 'ssai', SEED_SAMPLE), join(s3, SEED_SAMPLE));
    const gz = join(ssaiDir, '2021/07/17/01/A1b2C3d4E5f');
    mkdirSync(gz, { recursive: true });
    writeFileSync(join(gz, `${SEED_SAMPLE.replace('00-37-09', '01-02-03')}.gz`), gzipSync(readFileSync(join(FIXTURES, 'ssai', SEED_SAMPLE))));
    mkdirSync(accessDir, { recursive: true });
    for (const [name] of ACCESS_FILES) cpSync(join(FIXTURES, 'access', name), join(accessDir, name));
    // a forced format and CRLF line ends
    mkdirSync(join(run.dir, 'inbox/forced'), { recursive: true });
    writeFileSync(join(run.dir, 'inbox/forced/cdn-edge.txt'), readFileSync(join(FIXTURES, 'access', 'MSLT20150830-00.akamai'), 'utf8').replace(/\n/g, '\r\n'));
    // bad lines: SSAI and TSV
    mkdirSync(join(run.dir, 'inbox/bad'), { recursive: true });
    const sample = readFileSync(join(FIXTURES, 'ssai', SEED_SAMPLE), 'utf8').split('\n').filter((l) => l.trim() !== '');
    writeFileSync(join(run.dir, 'inbox/bad/prod-ssai-bad'), [sample[0], '{"kind":"Creative", broken', sample[1], '{"kind":"Nope","session_id":"s","timestamp":"2021-06-28T23:12:09Z"}', sample[2]].join('\n') + '\n');
  });

  afterAll(async () => {
    await tailer?.stop();
    await run.cleanup();
  });

  it('publishes every record of every format, keyed and with its source position, and dead-letters bad and late lines', async () => {
    const lateDir = join(run.dir, 'inbox/late');
    mkdirSync(lateDir, { recursive: true });
    const tsvLines = readFileSync(join(FIXTURES, 'access', 'MSLT20150830-01.tsv'), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    const late = [tsvLines[0]?.replace('2015-08-30', '2015-09-10'), tsvLines[1]?.replace('2015-08-30', '2015-09-05'), tsvLines[2]?.replace('2015-08-30', '2015-09-09')];
    writeFileSync(join(lateDir, 'MSLT20150910-00.tsv'), late.join('\n') + '\n');

    tailer = buildTailer(
      run.config({ TAILER_PARSE_WORKERS: workers, TAILER_SOURCES: `ssai:${ssaiDir}/**,access:${accessDir}/*.{w3c,tsv,akamai,log},akamai:${run.dir}/inbox/forced/*.txt,ssai:${run.dir}/inbox/bad,tsv:${lateDir}/**` }),
      { logger: silentLogger() },
    );
    await tailer.start();

    // oracle: the parsers run directly over the fixtures
    const sampleText = readFileSync(join(FIXTURES, 'ssai', SEED_SAMPLE), 'utf8');
    const sampleRecords = fixtureRecords(sampleText, (l, n) => createSsaiParser({ fileId: 'x', file: 'x' }).parseLine(l, n));
    expect(sampleRecords.length).toBeGreaterThan(0);
    const accessExpect = new Map<string, number[]>();
    for (const [name, format] of ACCESS_FILES) {
      const p = createAccessParser(format, { fileId: 'x', file: 'x', ipHashKey: 'k' });
      accessExpect.set(name, fixtureRecords(readFileSync(join(FIXTURES, 'access', name), 'utf8'), (l, n) => p.parseLine(l, n)));
    }
    const akamaiP = createAccessParser('akamai', { fileId: 'x', file: 'x', ipHashKey: 'k' });
    accessExpect.set('cdn-edge.txt', fixtureRecords(readFileSync(join(FIXTURES, 'access', 'MSLT20150830-00.akamai'), 'utf8'), (l, n) => akamaiP.parseLine(l, n)));
    const totalSsai = sampleRecords.length * 2 + 3;
    const totalAccess = [...accessExpect.values()].reduce((n, l) => n + l.length, 0) + 2;

    const ssai = await decodeAll<SsaiEvent>(run.serde, await readTopic(run.bus, run.topic('ssai.events.v1'), (a) => a.length >= totalSsai));
    const access = await decodeAll<AccessEvent>(run.serde, await readTopic(run.bus, run.topic('access.events.v1'), (a) => a.length >= totalAccess));
    const dlqMsgs = await readTopic(run.bus, run.topic('dlq.v1'), (a) => a.length >= 3);
    const dlq = await decodeAll<DeadLetter>(run.serde, dlqMsgs);

    // SSAI: the seed sample (plain, S3 layout) and its gzip copy, every record once
    const byFile = (events: Array<{ source: { file: string; line: number; fileId: string } }>, name: string) =>
      events.filter((e) => basename(e.source.file) === name).map((e) => e.source.line).sort((a, b) => a - b);
    expect(byFile(ssai, SEED_SAMPLE)).toEqual(sampleRecords);
    expect(byFile(ssai, `${SEED_SAMPLE.replace('00-37-09', '01-02-03')}.gz`)).toEqual(sampleRecords);
    expect(byFile(ssai, 'prod-ssai-bad')).toEqual([1, 3, 5]);
    expect(ssai).toHaveLength(totalSsai);
    const kinds = new Set(ssai.map((e) => e.kind));
    expect(kinds).toEqual(new Set(['AdRequest', 'Creative', 'SessionSummary', 'Impression']));
    const ssaiMsgs = await readTopic(run.bus, run.topic('ssai.events.v1'), (a) => a.length >= totalSsai, { quietMs: 0 });
    for (const m of ssaiMsgs) expect(m.key?.toString()).toBe((await run.serde.decode<SsaiEvent>(m.value as Buffer)).session_id);

    // access: each format (auto-detected and forced, CRLF), every record once, keyed by listener key
    for (const [name, lines] of accessExpect) expect(byFile(access, name), name).toEqual(lines);
    const formats = new Map(access.map((e) => [basename(e.source.file), e.format]));
    expect(formats.get('MSLT20150830-00.w3c')).toBe('w3c');
    expect(formats.get('MSLT20150830-00.tsv')).toBe('tsv');
    expect(formats.get('MSLT20150830-00.akamai')).toBe('akamai');
    expect(formats.get('access-20150830.log')).toBe('combined');
    expect(formats.get('cdn-edge.txt')).toBe('akamai');
    const accessMsgs = await readTopic(run.bus, run.topic('access.events.v1'), (a) => a.length >= totalAccess, { quietMs: 0 });
    for (const m of accessMsgs) expect(m.key?.toString()).toBe((await run.serde.decode<AccessEvent>(m.value as Buffer)).listenerKey);
    // one fileId per file, distinct between files
    const ids = new Map<string, Set<string>>();
    for (const e of [...ssai, ...access]) (ids.get(e.source.file) ?? ids.set(e.source.file, new Set()).get(e.source.file))?.add(e.source.fileId);
    for (const s of ids.values()) expect(s.size).toBe(1);
    expect(new Set([...ids.values()].flatMap((s) => [...s])).size).toBe(ids.size);

    // bad lines: dead-lettered with file, line and reason; the file went on
    const bad = dlq.filter((d) => d.file?.endsWith('prod-ssai-bad')).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    expect(bad.map((d) => [d.source, d.line, d.reasonCode])).toEqual([
      ['tailer.ssai', 2, 'PARSE_ERROR'],
      ['tailer.ssai', 4, 'UNKNOWN_KIND'],
    ]);
    expect(bad[0]?.payload.toString()).toBe('{"kind":"Creative", broken');
    expect(bad[0]?.reason).toMatch(/JSON/);
    expect(bad[0]?.fileId).toBe(ssai.find((e) => e.source.file.endsWith('prod-ssai-bad'))?.source.fileId);
    for (const m of dlqMsgs) expect(m.key?.toString()).toMatch(/^tailer\./);

    // late: the 2015-09-05 line is more than 3 days behind the 2015-09-10 watermark; 09-09 is not
    const lateDl = dlq.filter((d) => d.reasonCode === 'LATE_EVENT');
    expect(lateDl.map((d) => [basename(d.file ?? ''), d.line, d.source])).toEqual([['MSLT20150910-00.tsv', 2, 'tailer.access']]);
    expect(byFile(access, 'MSLT20150910-00.tsv')).toEqual([1, 3]);

    const metrics = await tailer.telemetry.telemetry.metrics();
    expect(metrics).toMatch(/playpulse_tailer_processed_lines_total\{format="tsv",outcome="late",service="tailer"\} 1/);
    expect(metrics).toMatch(/playpulse_tailer_rejected_lines_total\{format="ssai",reason="PARSE_ERROR",service="tailer"\} 1/);
    expect(metrics).toMatch(/playpulse_tailer_file_events_files_total\{format="ssai",event="completed",service="tailer"\} 1/);
    expect(metrics).toMatch(new RegExp(`playpulse_tailer_parsed_lines_total\\{where="${workers === '0' ? 'thread' : 'worker'}",service="tailer"\\} [1-9]`));
    expect(readdirSync(accessDir).length).toBe(ACCESS_FILES.length);
  });
});
