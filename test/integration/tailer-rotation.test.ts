/**
 * Following files: growth, rotation (rename + new file: the old one is finished, the new one
 * started), truncation (start over under a new identity, counted), and the opt-in retention
 * clean-up of processed files; a gzip file whose data turns corrupt or ends early: the lines before
 * are published, the rest dead-lettered, the file counted as corrupt.
 */
import { describe, it, expect, inject, beforeAll, afterAll } from 'vitest';
import { appendFileSync, existsSync, mkdirSync, renameSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AccessEvent, DeadLetter } from '../../avro/generated/index.ts';
import { renderAccessLine, generateAccessRequests } from '../../services/tailer/generate/index.ts';
import { buildTailer, type Tailer } from '../../services/tailer/build.ts';
import { readLineBatches } from '../../services/tailer/follow/read-lines.ts';
import { silentLogger } from '../../services/runtime/logger.ts';
import { tailerTestRun, readTopic, decodeAll, waitFor, type TailerTestRun } from '../support/tailer-helpers.ts';
import type { IncomingMessage } from '../../services/runtime/message-bus.ts';

const stack = inject('stack');
let run: TailerTestRun;
const tailers: Tailer[] = [];

const lines = [...generateAccessRequests({ seed: 3, requests: 60 })].map((r) => renderAccessLine('combined', r));
const block = (from: number, to: number) => lines.slice(from, to).join('\n') + '\n';

async function published(t: Tailer): Promise<number> {
  const text = await t.telemetry.telemetry.metrics();
  const m = /playpulse_tailer_processed_lines_total\{format="combined",outcome="published",service="tailer"\} (\d+)/.exec(text);
  return Number(m?.[1] ?? 0);
}

async function start(sources: string, extra: Record<string, string> = {}): Promise<Tailer> {
  const t = buildTailer(run.config({ TAILER_SOURCES: sources, TAILER_INSTANCE_ID: `${run.prefix}${tailers.length}`, ...extra }), { logger: silentLogger() });
  tailers.push(t);
  await t.start();
  return t;
}

/** Messages whose (Avro) value names a file of the test's folder: the path is in the bytes as UTF-8. */
const fromDir = (dirName: string) => (m: IncomingMessage) => m.value?.includes(`/${dirName}/`) === true;

async function recordsOf(dirName: string, count: number): Promise<AccessEvent[]> {
  // Read until the expected records are in (a pause between fetches on a busy machine is not the end), then 1 s more.
  const enough = (all: IncomingMessage[]) => all.filter(fromDir(dirName)).length >= count;
  const all = await decodeAll<AccessEvent>(run.serde, await readTopic(run.bus, run.topic('access.events.v1'), enough, { quietMs: 1000 }));
  const mine = all.filter((e) => e.source.file.includes(`/${dirName}/`));
  expect(mine.length).toBeGreaterThanOrEqual(count);
  return mine;
}

beforeAll(async () => {
  run = await tailerTestRun(stack, 'trot');
});

afterAll(async () => {
  for (const t of tailers) await t.stop();
  await run.cleanup();
});

describe('tailer following files', () => {
  it('follows a growing file, finishes it after a rename and starts the new file', async () => {
    const dir = join(run.dir, 'rotate');
    mkdirSync(dir, { recursive: true });
    const log = join(dir, 'access.log');
    writeFileSync(log, block(0, 10));
    const t = await start(`combined:${dir}/**`);
    await waitFor(async () => (await published(t)) >= 10, 30_000, '10 lines');
    appendFileSync(log, block(10, 15));
    await waitFor(async () => (await published(t)) >= 15, 30_000, '15 lines');
    renameSync(log, join(dir, 'access.log.1'));
    appendFileSync(join(dir, 'access.log.1'), block(15, 18)); // the writer still had it open
    writeFileSync(log, block(18, 22));
    await waitFor(async () => (await published(t)) >= 22, 30_000, '22 lines');

    const recs = await recordsOf('rotate', 22);
    expect(recs).toHaveLength(22);
    const oldId = recs.find((r) => r.source.file.endsWith('access.log.1'))?.source.fileId;
    expect(oldId).toBeDefined();
    const oldLines = recs.filter((r) => r.source.fileId === oldId).map((r) => r.source.line).sort((a, b) => a - b);
    expect(oldLines).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    const newer = recs.filter((r) => r.source.fileId !== oldId);
    expect(new Set(newer.map((r) => r.source.fileId)).size).toBe(1);
    expect(newer.map((r) => r.source.line).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
    expect(newer.every((r) => r.source.file === log)).toBe(true);
    // lines 16-18 were read under the new name
    expect(recs.filter((r) => r.source.fileId === oldId && r.source.line > 15).every((r) => r.source.file.endsWith('access.log.1'))).toBe(true);
    expect(await t.telemetry.telemetry.metrics()).toMatch(/event="renamed",service="tailer"\} 1/);
  });

  it('detects truncation and reads the file again from the start under a new identity', async () => {
    const dir = join(run.dir, 'truncate');
    mkdirSync(dir, { recursive: true });
    const log = join(dir, 'access.log');
    writeFileSync(log, block(20, 30));
    const t = await start(`combined:${dir}/**`);
    await waitFor(async () => (await published(t)) >= 10, 30_000, '10 lines');
    truncateSync(log, 0);
    appendFileSync(log, block(40, 43));
    await waitFor(async () => (await published(t)) >= 13, 30_000, '13 lines');
    const recs = await recordsOf('truncate', 13);
    expect(recs).toHaveLength(13);
    const ids = [...new Set(recs.map((r) => r.source.fileId))];
    expect(ids).toHaveLength(2);
    const linesOf = (id: string | undefined) => recs.filter((r) => r.source.fileId === id).map((r) => r.source.line).sort((a, b) => a - b);
    const [before, after] = ids.map(linesOf).sort((a, b) => b.length - a.length);
    expect(before).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(after).toEqual([1, 2, 3]);
    expect(await t.telemetry.telemetry.metrics()).toMatch(/playpulse_tailer_file_events_files_total\{format="combined",event="truncated",service="tailer"\} 1/);
  });

  it('deletes processed files older than the retention when clean-up is on, and keeps newer ones', async () => {
    const dir = join(run.dir, 'retention');
    mkdirSync(dir, { recursive: true });
    const old = join(dir, 'access-old.log');
    const fresh = join(dir, 'access-new.log');
    writeFileSync(old, block(0, 5));
    writeFileSync(fresh, block(5, 8));
    const seventyDaysAgo = new Date(Date.now() - 70 * 24 * 3600 * 1000);
    utimesSync(old, seventyDaysAgo, seventyDaysAgo);
    const t = await start(`combined:${dir}/**`, { TAILER_CLEANUP_ENABLED: 'true', TAILER_RETENTION_DAYS: '60' });
    await waitFor(() => !existsSync(old), 30_000, 'old file deleted');
    const recs = await recordsOf('retention', 8);
    expect(recs).toHaveLength(8); // published before it was deleted, exactly once
    expect(existsSync(fresh)).toBe(true);
    expect(await t.telemetry.telemetry.metrics()).toMatch(/event="deleted",service="tailer"\} 1/);
  });

  it('publishes a gzip file up to where its data turns corrupt or ends early, dead-letters the rest and counts the file as corrupt', async () => {
    const dir = join(run.dir, 'corrupt-gz');
    mkdirSync(dir, { recursive: true });
    const text = [...generateAccessRequests({ seed: 5, requests: 20_000 })].map((r) => renderAccessLine('combined', r)).join('\n') + '\n';
    const gz = gzipSync(text);
    const files = {
      // a good gzip member, then a second member whose deflate data is invalid (block type 3)
      [join(dir, 'access-1.log.gz')]: { bytes: Buffer.concat([gz, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), Buffer.alloc(64, 0xff)]), code: 'Z_DATA_ERROR', atLeast: 19_990 },
      // an upload cut short
      [join(dir, 'access-2.log.gz')]: { bytes: gz.subarray(0, Math.floor(gz.length * 0.6)), code: 'Z_BUF_ERROR', atLeast: 10_000 },
    };
    // What a reader handing out 1 KB at a time gets before the error: every one of those lines must be
    // published. zlib drops the piece it was filling at corrupt data (with 256 KB pieces, 159 lines here).
    const readable = new Map<string, number>();
    for (const [file, f] of Object.entries(files)) {
      writeFileSync(file, f.bytes);
      let n = 0;
      await expect(
        (async () => {
          for await (const b of readLineBatches({ path: file, gzip: true, startOffset: 0, includeTail: true, gzipChunkBytes: 1024 })) n += b.texts.length;
        })(),
      ).rejects.toMatchObject({ code: f.code });
      expect(n).toBeGreaterThanOrEqual(f.atLeast);
      readable.set(file, n);
    }

    const t = await start(`combined:${dir}/**`, { TAILER_BATCH_LINES: '1000' });
    await waitFor(async () => /event="corrupt",service="tailer"\} 2/.test(await t.telemetry.telemetry.metrics()), 30_000, 'files counted as corrupt');
    const recs = await recordsOf('corrupt-gz', [...readable.values()].reduce((a, b) => a + b, 0));
    const dlq = await decodeAll<DeadLetter>(run.serde, await readTopic(run.bus, run.topic('dlq.v1'), (all) => all.filter(fromDir('corrupt-gz')).length >= readable.size, { quietMs: 1000 }));
    for (const [file, n] of readable) {
      const lines = recs.filter((e) => e.source.file === file).map((e) => e.source.line);
      expect(lines.sort((a, b) => a - b), file).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      expect(dlq.filter((d) => d.file === file).map((d) => [d.reasonCode, d.line])).toEqual([['GZIP_CORRUPT', n + 1]]);
    }
  });
});
