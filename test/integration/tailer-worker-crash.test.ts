/**
 * A parse worker dies in the middle of a file: the file job fails with a retriable error, the engine
 * recovers in-process (fences its producers, restores the checkpoints from Kafka) with a new worker,
 * and every line is in the topic exactly once (read_committed).
 */
import { describe, it, expect, inject, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import type { AccessEvent } from '../../avro/generated/index.ts';
import { generateAccessLines, writeLogFile } from '../../services/tailer/generate/index.ts';
import { buildTailer, type Tailer } from '../../services/tailer/build.ts';
import { ParseWorkerPool } from '../../services/tailer/publish/parse-worker-pool.ts';
import { createAccessParser } from '../../services/tailer/parse/index.ts';
import { silentLogger } from '../../services/runtime/logger.ts';
import { tailerTestRun, readTopic, decodeAll, waitFor, type TailerTestRun } from '../support/tailer-helpers.ts';

const stack = inject('stack');
let run: TailerTestRun;
let tailer: Tailer | null = null;

beforeAll(async () => {
  run = await tailerTestRun(stack, 'twcrash');
});

afterAll(async () => {
  await tailer?.stop();
  await run.cleanup();
});

const metric = async (t: Tailer, re: RegExp) => Number(re.exec(await t.telemetry.telemetry.metrics())?.[1] ?? 0);

describe('tailer with a parse worker that dies', () => {
  it('recovers from the committed checkpoints and publishes every line exactly once', { timeout: 180_000 }, async () => {
    const dir = join(run.dir, 'access');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'MSLT20150830-00.w3c');
    await writeLogFile(file, generateAccessLines('w3c', { seed: 21, requests: 60_000, fieldsChangeEvery: 900 }));
    const oracle = createAccessParser('w3c', { fileId: 'x', file: 'x', ipHashKey: 'k' });
    const recordLines = readFileSync(file, 'utf8').split('\n').flatMap((l, i) => (l !== '' && oracle.parseLine(l, i + 1).kind === 'record' ? [i + 1] : []));
    const expected = recordLines.length;
    expect(expected).toBe(60_000);

    let pool: ParseWorkerPool | null = null;
    tailer = buildTailer(run.config({ TAILER_SOURCES: `w3c:${dir}/**`, TAILER_PARSE_WORKERS: '1', TAILER_BATCH_LINES: '500' }), {
      logger: silentLogger(),
      createParseWorkers: (n, init, log) => (pool = new ParseWorkerPool(n, init, log)),
    });
    await tailer.start();
    const t = tailer;
    await waitFor(async () => (await metric(t, /playpulse_tailer_transactions_batches_total\{outcome="committed",service="tailer"\} (\d+)/)) >= 2, 60_000, 'first transactions');
    const slots = (pool as unknown as ParseWorkerPool).threads.slots;
    const dying = slots[0]!.worker;
    await dying.terminate();

    const published = await metric(t, /playpulse_tailer_processed_lines_total\{format="w3c",outcome="published",service="tailer"\} (\d+)/);
    expect(published).toBeLessThan(expected); // the worker died mid-file
    await waitFor(async () => (await metric(t, /playpulse_tailer_processed_lines_total\{format="w3c",outcome="published",service="tailer"\} (\d+)/)) >= expected, 120_000, 'the rest of the file');
    expect(slots[0]!.worker).not.toBe(dying);
    expect(await metric(t, /playpulse_tailer_restores_count_total\{service="tailer"\} (\d+)/)).toBeGreaterThanOrEqual(2); // start + recovery

    const records = await decodeAll<AccessEvent>(run.serde, await readTopic(run.bus, run.topic('access.events.v1'), (all) => all.length >= expected, { quietMs: 1500, timeoutMs: 120_000 }));
    const lines = records.map((e) => e.source.line).sort((a, b) => a - b);
    expect(lines).toEqual(recordLines); // no gaps, no duplicates
    expect(new Set(records.map((e) => e.source.fileId)).size).toBe(1);
  });
});
