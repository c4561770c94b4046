/**
 * `npm run bench:tailer`: lines/s per format (ssai, w3c, tsv, akamai, combined) for
 *   read   — reading the file's lines without parsing (the ceiling),
 *   parse  — reading + parsing + Avro encoding, no Kafka,
 *   publish— the tailer end to end: read, parse, encode, Kafka transactions with checkpoints,
 * on the same generated file in the same run (median of BENCH_TAILER_RUNS), then the peak RSS
 * while publishing one large file (BENCH_TAILER_RSS_BYTES, default 1 GB) against a small one.
 * Starts the local stack unless one answers (KAFKA_BROKERS, SCHEMA_REGISTRY_URL); files go to a temp dir, deleted after.
 * `npm run bench:tailer` runs it compiled (dist/), as the service runs under `playpulse up` and in the image.
 *
 *   BENCH_TAILER_LINES=200000 BENCH_TAILER_WARM_UP_LINES=100000 BENCH_TAILER_RUNS=3 BENCH_TAILER_RSS_BYTES=1073741824 BENCH_TAILER_LANES=2
 *   BENCH_TAILER_PARSE_WORKERS (default: the tailer's own default)
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessEvent, AccessFormat, DeadLetter, SsaiEvent } from '../avro/generated/index.ts';
import { applySchemas, loadSchema } from '../avro/subjects.ts';
import { startStack } from '../deploy/local/stack.ts';
import { applyTopics } from '../topics/apply-topics.ts';
import { topicName, topicSpecs } from '../topics/catalog.ts';
import { AvroSerde, subjectFor } from '../services/runtime/avro-serde.ts';
import { loadConfig } from '../services/runtime/config.ts';
import { applyHeapGrowingPercent } from '../services/runtime/heap-policy.ts';
import { createKafkaBus } from '../services/runtime/kafkajs-bus.ts';
import { createLogger } from '../services/runtime/logger.ts';
import { buildTailer } from '../services/tailer/build.ts';
import { tailerConfig } from '../services/tailer/config.ts';
import { readLineBatches } from '../services/tailer/follow/read-lines.ts';
import { createFormatPipeline } from '../services/tailer/publish/format-pipeline.ts';
import type { ResolvedFormat } from '../services/tailer/checkpoint/checkpoint.ts';
import { generateAccessLines, generateSsaiLines, writeLogFile } from '../services/tailer/generate/index.ts';
import { parseSourceSpecs } from '../services/tailer/sources/source-spec.ts';
import { cpuCeiling, cpuMeter, kafkaBrokerPid, median, micros, rightAligned } from './bench-support.ts';

const env = process.env;
const LINES = Number(env['BENCH_TAILER_LINES'] ?? 200_000);
/** Lines of the untimed warm-up file each publish run's tailer goes through first. */
const WARM_UP_LINES = Number(env['BENCH_TAILER_WARM_UP_LINES'] ?? 100_000);
const RUNS = Number(env['BENCH_TAILER_RUNS'] ?? 3);
const RSS_BYTES = Number(env['BENCH_TAILER_RSS_BYTES'] ?? 1024 ** 3);
const LANES = env['BENCH_TAILER_LANES'] ?? '2';
/** Encoded bytes per transaction (the tailer's default); the catalog's topics accept batches up to 8 MiB. */
const BATCH_BYTES = env['BENCH_TAILER_BATCH_BYTES'] ?? String(4 * 1024 * 1024);
const BATCH_LINES = env['BENCH_TAILER_BATCH_LINES'] ?? '5000';
const PARSE_WORKERS = env['BENCH_TAILER_PARSE_WORKERS'];
const FORMATS = (env['BENCH_TAILER_FORMATS'] ?? 'ssai,w3c,tsv,akamai,combined').split(',') as ResolvedFormat[];
const TARGET: Record<string, number> = { ssai: 80_000, w3c: 150_000, tsv: 150_000, akamai: 150_000, combined: 150_000 };

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (b: number) => `${(b / 1024 ** 2).toFixed(0)} MB`;

function lines(format: ResolvedFormat, opts: { requests?: number; breaks?: number; seed?: number }) {
  const seed = opts.seed ?? 11;
  return format === 'ssai' ? generateSsaiLines({ seed, breaks: opts.breaks ?? Infinity }) : generateAccessLines(format as AccessFormat, { seed, requests: opts.requests ?? Infinity });
}

/** Samples RSS every 50 ms while `work` runs; returns the peak. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(t);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'playpulse-bench-tailer-'));
  const prefix = `bench-${Date.now().toString(36)}.`;
  const stack = await startStack({ log: (m) => console.error(`[stack] ${m}`) }); // reuses a running one
  const baseEnv = { KAFKA_BROKERS: stack.kafkaBrokers, SCHEMA_REGISTRY_URL: stack.schemaRegistryUrl, TOPIC_PREFIX: prefix, LOG_LEVEL: 'silent' };
  // The tailer runs in this process: the same heap policy as its own main.ts applies (runService).
  applyHeapGrowingPercent(loadConfig(tailerConfig, { ...baseEnv, HEAP_GROWING_PERCENT: env['HEAP_GROWING_PERCENT'] }).HEAP_GROWING_PERCENT);
  const bus = createKafkaBus({ brokers: baseEnv.KAFKA_BROKERS.split(','), clientId: 'bench-tailer' });
  const admin = bus.admin();
  await admin.connect();
  const serde = new AvroSerde(baseEnv.SCHEMA_REGISTRY_URL);
  try {
    await applyTopics(admin, topicSpecs(prefix));
    await applySchemas(serde, prefix);
    const encoders = {
      ssai: await serde.encoder<SsaiEvent>(subjectFor(topicName(prefix, 'ssai.events.v1')), loadSchema('ssai.events.v1')),
      access: await serde.encoder<AccessEvent>(subjectFor(topicName(prefix, 'access.events.v1')), loadSchema('access.events.v1')),
    };
    await serde.encoder<DeadLetter>(subjectFor(topicName(prefix, 'dlq.v1')), loadSchema('dlq.v1'));

    let run = 0;
    let parseWorkers = 0;
    const brokerPid = kafkaBrokerPid();
    /**
     * The tailer end to end over one file (a fresh copy: a new identity each run), with the CPU µs per line of the
     * tailer (this process) and of the broker. Each run's tailer first publishes a warm-up file of its own (other
     * lines of the same format, untimed), so the figures are a running tailer's: without it a parse worker, a new
     * thread each run, spent a good part of a 200k-line run compiling its parser.
     */
    const publish = async (format: ResolvedFormat, src: string, warmUp: string | null): Promise<{ lines: number; seconds: number; tailerUs: number | null; brokerUs: number | null }> => {
      run++;
      const inbox = join(dir, `inbox-${run}`);
      mkdirSync(inbox);
      if (warmUp) copyFileSync(warmUp, join(inbox, `warm-up-${run}.log`));
      const copy = join(inbox, `file-${run}.log`);
      // Topics of its own per run: a copy can get the inode of an earlier, deleted copy, and with the same
      // content the tailer would rightly take it for that file renamed, already published.
      const runPrefix = `${prefix}r${run}.`;
      await applyTopics(admin, topicSpecs(runPrefix));
      await applySchemas(serde, runPrefix);
      const config = loadConfig(tailerConfig, { ...baseEnv, TOPIC_PREFIX: runPrefix, TAILER_PORT: '0', TAILER_INSTANCE_ID: `${prefix}bench-${run}`, TAILER_SETTLE_MS: '0', TAILER_LANES: LANES, TAILER_BATCH_BYTES: BATCH_BYTES, TAILER_BATCH_LINES: BATCH_LINES, TAILER_PARSE_WORKERS: PARSE_WORKERS });
      parseWorkers = config.TAILER_PARSE_WORKERS;
      const tailer = buildTailer(config, { logger: createLogger('tailer', env['BENCH_LOG_LEVEL'] ?? 'silent'), sources: parseSourceSpecs(`${format}:${inbox}/**`), follow: false, opsServer: false });
      await tailer.start();
      if (warmUp) await tailer.engine().runUntilIdle();
      copyFileSync(src, copy);
      const meter = cpuMeter({ broker: brokerPid });
      const t0 = process.hrtime.bigint();
      await tailer.engine().runUntilIdle();
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const cpu = meter();
      const cp = [...tailer.engine().index.allFiles()].find((c) => c.path === copy);
      await tailer.stop();
      rmSync(inbox, { recursive: true, force: true });
      const lines = cp?.line ?? 0;
      const per = (sec: number | null | undefined) => (sec === null || sec === undefined || lines === 0 ? null : (sec * 1e6) / lines);
      return { lines, seconds, tailerUs: per(cpu['self']), brokerUs: per(cpu['broker']) };
    };

    const rows: string[][] = [];
    const cpuRows: string[][] = [];
    for (const format of FORMATS) {
      const file = join(dir, `${format}.log`);
      const w = await writeLogFile(file, lines(format, { requests: LINES, breaks: Math.ceil(LINES / 7) }), { maxBytes: format === 'ssai' ? LINES * 700 : Infinity });
      const warmUp = join(dir, `${format}-warm-up.log`);
      await writeLogFile(warmUp, lines(format, { requests: WARM_UP_LINES, breaks: Math.ceil(WARM_UP_LINES / 7), seed: 12 }), { maxBytes: format === 'ssai' ? WARM_UP_LINES * 700 : Infinity });
      const size = statSync(file).size;
      const read: number[] = [];
      const parseOnly: number[] = [];
      const parse: number[] = [];
      const pub: number[] = [];
      const tailerUs: number[] = [];
      const brokerUs: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        let t0 = process.hrtime.bigint();
        let n = 0;
        for await (const b of readLineBatches({ path: file, gzip: false, startOffset: 0, includeTail: true })) n += b.texts.length;
        read.push(n / (Number(process.hrtime.bigint() - t0) / 1e9));

        t0 = process.hrtime.bigint();
        const p0 = createFormatPipeline(format, encoders, { fileId: 'bench', file, ipHashKey: 'bench-key', tenant: null });
        let l0 = 0;
        for await (const b of readLineBatches({ path: file, gzip: false, startOffset: 0, includeTail: true })) for (const t of b.texts) p0.parse(t, ++l0);
        parseOnly.push(l0 / (Number(process.hrtime.bigint() - t0) / 1e9));

        t0 = process.hrtime.bigint();
        const p = createFormatPipeline(format, encoders, { fileId: 'bench', file, ipHashKey: 'bench-key', tenant: null });
        let ln = 0;
        for await (const b of readLineBatches({ path: file, gzip: false, startOffset: 0, includeTail: true })) {
          for (const t of b.texts) {
            const res = p.parse(t, ++ln);
            if (res.kind === 'record') p.encode(res.value);
          }
        }
        parse.push(ln / (Number(process.hrtime.bigint() - t0) / 1e9));

        const pr = await publish(format, file, warmUp);
        pub.push(pr.lines / pr.seconds);
        if (pr.tailerUs !== null) tailerUs.push(pr.tailerUs);
        if (pr.brokerUs !== null) brokerUs.push(pr.brokerUs);
      }
      rows.push([format, fmt(w.lines), mb(size), fmt(median(read)), fmt(median(parseOnly)), fmt(median(parse)), fmt(median(pub)), fmt(TARGET[format] ?? 0), median(pub) >= (TARGET[format] ?? 0) ? 'yes' : 'no']);
      const tu = tailerUs.length ? median(tailerUs) : null;
      const bu = brokerUs.length ? median(brokerUs) : null;
      cpuRows.push([format, micros(tu), micros(bu), micros(tu !== null && bu !== null ? tu + bu : null), tu !== null && bu !== null ? fmt(cpuCeiling(tu + bu)) : 'n/a', fmt(cpuCeiling(1e6 / median(parse) + (bu ?? 0)))]);
      rmSync(file);
      rmSync(warmUp);
      console.error(`${format}: done`);
    }
    console.log(`\nTailer throughput, median of ${RUNS} runs (lanes=${LANES}, parse workers=${parseWorkers}, ≤${BATCH_LINES} lines / ${(Number(BATCH_BYTES) / 1024 ** 2).toFixed(1)} MiB per transaction, node ${process.version})`);
    console.log(rightAligned(['format', 'lines', 'size', 'read lines/s', 'parse lines/s', 'parse+encode lines/s', 'publish lines/s', 'target', 'met'], rows));

    // Where the CPU goes while publishing, per line, and what that allows at most with every core busy.
    const cores = availableParallelism();
    console.log(`\nCPU per published line (median of runs; all threads, from /proc) and the most this CPU cost allows on ${cores} cores`);
    console.log(rightAligned(['format', 'tailer µs', 'Kafka broker µs', 'total µs', 'ceiling lines/s', 'ceiling, parse+encode and broker only'], cpuRows));

    // RSS: a small and a large file of the same format, published end to end
    const rssRows: string[][] = [];
    for (const bytes of [Math.min(32 * 1024 ** 2, RSS_BYTES), RSS_BYTES]) {
      const file = join(dir, `rss-${bytes}.tsv`);
      const w = await writeLogFile(file, lines('tsv', {}), { maxBytes: bytes });
      const { result, peak } = await peakRss(() => publish('tsv', file, null));
      rssRows.push([mb(statSync(file).size), fmt(w.lines), fmt(result.lines / result.seconds), mb(peak)]);
      rmSync(file);
    }
    console.log('\nPeak RSS while publishing one file (tsv)');
    console.log(rightAligned(['file size', 'lines', 'publish lines/s', 'peak RSS'], rssRows));
  } finally {
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (mine.length) await admin.deleteTopics(mine).catch(() => undefined);
    await admin.disconnect();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
