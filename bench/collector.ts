/**
 * npm run bench:collector — the collector (with Kafka, acks=all) against a bare Fastify route on the
 * same machine, in one run, with simulator payloads. Prints req/s, p50/p99 latency, batch events/s
 * and peak RSS, as medians of BENCH_RUNS (5) runs of BENCH_DURATION_S seconds each; the single-event ratio is
 * the median of each run's own ratio, bare and collector measured back to back in alternating order.
 *
 * Targets (issue #3): single POST ≥ 0.5× bare with p99 ≤ 20 ms at 50 connections; batch ≥ 150k
 * events/s; RSS ≤ 300 MB.
 */
import autocannon from 'autocannon';
import { startStack } from '../deploy/local/stack.ts';
import { createKafkaBus } from '../services/runtime/kafkajs-bus.ts';
import { AvroSerde } from '../services/runtime/avro-serde.ts';
import { applyTopics } from '../topics/apply-topics.ts';
import { topicSpecs } from '../topics/catalog.ts';
import { applySchemas } from '../avro/subjects.ts';
import { simulate } from '../services/simulator/simulate.ts';
import { signToken } from '../services/collector/token-auth.ts';
import { buildServices, serviceCommand } from '../deploy/local/service-build.ts';
import { availableParallelism } from 'node:os';
import { cpuCeiling, cpuMeter, kafkaBrokerPid, median, micros, peakRssMb, startNode, stopChild, table } from './bench-support.ts';
import { measureStages } from './collector-stages.ts';

const DURATION_S = Number(process.env['BENCH_DURATION_S'] ?? 10);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const CONNECTIONS = 50;
const BATCH_SIZE = Number(process.env['BENCH_BATCH_SIZE'] ?? 500);
const SECRET = 'bench-secret';

interface Result {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU µs per event: the server under test, the Kafka broker, the load generator (this process). */
  cpu: { server: number | null; broker: number | null; load: number | null };
}

async function load(url: string, bodies: string[], path: (i: number) => string, token: string, connections: number, server: number | undefined, eventsPerRequest: number, prebuilt = false): Promise<Result> {
  let i = 0;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const meter = cpuMeter({ server, broker: brokerPid });
  const r = await autocannon({
    url,
    connections,
    duration: DURATION_S,
    // Batch bodies are few and large: each connection builds its requests once and cycles through them, so the
    // load generator (on the same cores) does not encode 380 KB per request. Single bodies are built per request.
    requests: prebuilt
      ? bodies.map((body, n) => ({ method: 'POST' as const, path: path(n), body, headers }))
      : [
          {
            method: 'POST',
            setupRequest: (req) => {
              const n = i++;
              return { ...req, path: path(n), body: bodies[n % bodies.length] as string, headers };
            },
          },
        ],
  });
  const used = meter();
  const events = r.requests.total * eventsPerRequest;
  const per = (sec: number | null | undefined) => (sec === null || sec === undefined || events === 0 ? null : (sec * 1e6) / events);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, cpu: { server: per(used['server']), broker: per(used['broker']), load: per(used['self']) } };
}

const stack = await startStack({ log: (m) => console.error(`[stack] ${m}`) });
const brokerPid = kafkaBrokerPid();
const prefix = `bench-${Date.now().toString(36)}.`;
const bus = createKafkaBus({ brokers: stack.kafkaBrokers.split(','), clientId: 'bench-collector' });
const admin = bus.admin();
await admin.connect();
await applyTopics(admin, topicSpecs(prefix));
await applySchemas(new AvroSerde(stack.schemaRegistryUrl), prefix);

const events = simulate({ seed: 7, viewers: 400, startTime: Date.parse('2026-11-21T20:00:00Z'), durationMs: 30 * 60_000, heartbeatIntervalMs: 60_000 });
const singles = events.map((e) => JSON.stringify(e.body));
const names = events.map((e) => e.activityName);
const batches: string[] = [];
for (let i = 0; i + BATCH_SIZE <= events.length; i += BATCH_SIZE) batches.push(JSON.stringify({ activities: events.slice(i, i + BATCH_SIZE).map((e) => ({ activityName: e.activityName, ...e.body })) }));
console.error(`payloads: ${singles.length} single bodies (avg ${Math.round(singles.reduce((a, b) => a + b.length, 0) / singles.length)} B), ${batches.length} batches of ${BATCH_SIZE}`);

// Stage costs on one core, measured before any server runs (nothing else busy).
const stages = measureStages(batches);

const token = await signToken('demo', SECRET);
// Both servers run compiled, as services do under `playpulse up` and in the image.
const build = await buildServices(['services/collector/main.ts', 'bench/bare-server.ts']);
console.error(`[build] ${build.summary}`);
const bare = await startNode(serviceCommand('bench/bare-server.ts', build.compiled), {}, (l) => l.startsWith('http://'));
const bareUrl = bare.line.trim();
const collector = await startNode(
  serviceCommand('services/collector/main.ts', build.compiled),
  { KAFKA_BROKERS: stack.kafkaBrokers, SCHEMA_REGISTRY_URL: stack.schemaRegistryUrl, REDIS_URL: stack.redisUrl, TOPIC_PREFIX: prefix, COLLECTOR_PORT: '18480', COLLECTOR_HOST: '127.0.0.1', COLLECTOR_TOKEN_SECRET: SECRET, COLLECTOR_RATE_LIMIT_DEVICE_PER_SECOND: '0', COLLECTOR_RATE_LIMIT_TENANT_PER_SECOND: '0', LOG_LEVEL: 'info' },
  (l) => l.includes('collector listening'),
);
const collectorUrl = 'http://127.0.0.1:18480';
const singlePath = (i: number) => `/useractivityvault/v1/useractivity/${names[i % names.length]}`;
const batchPath = () => '/useractivityvault/v1/useractivity';

const runs: Record<string, Result[]> = { bare: [], collector: [], bareBatch: [], collectorBatch: [] };
try {
  const [barePid, collectorPid] = [bare.child.pid, collector.child.pid];
  await load(collectorUrl, singles, singlePath, token, CONNECTIONS, collectorPid, 1); // warm-up (JIT, connections, metadata)
  // The machine's speed drifts within minutes: each run measures bare and collector back to back and
  // alternates which goes first (ABBA), and the ratio is the median of the runs' own ratios.
  const single = async (k: 'bare' | 'collector') => runs[k]!.push(k === 'bare' ? await load(bareUrl, singles, singlePath, token, CONNECTIONS, barePid, 1) : await load(collectorUrl, singles, singlePath, token, CONNECTIONS, collectorPid, 1));
  for (let r = 0; r < RUNS; r++) {
    for (const k of r % 2 === 0 ? (['bare', 'collector'] as const) : (['collector', 'bare'] as const)) await single(k);
    runs['bareBatch']!.push(await load(bareUrl, batches, batchPath, token, 8, barePid, BATCH_SIZE, true));
    runs['collectorBatch']!.push(await load(collectorUrl, batches, batchPath, token, 8, collectorPid, BATCH_SIZE, true));
  }
} finally {
  const rss = peakRssMb(collector.child.pid as number);
  await stopChild(collector.child);
  await stopChild(bare.child);
  await admin.deleteTopics((await admin.listTopics()).filter((t) => t.startsWith(prefix)));
  await admin.disconnect();
  await stack.stop();

  const m = (k: string, f: Exclude<keyof Result, 'cpu'>) => median((runs[k] ?? []).map((x) => x[f]));
  const bareRps = m('bare', 'rps');
  const collRps = m('collector', 'rps');
  console.log(`\nbench:collector — medians of ${RUNS} runs × ${DURATION_S} s, ${CONNECTIONS} connections (single) / 8 (batch of ${BATCH_SIZE})\n`);
  console.log(
    table([
      { case: 'bare Fastify, single', 'req/s': Math.round(bareRps), 'p50 ms': m('bare', 'p50'), 'p99 ms': m('bare', 'p99'), 'events/s': Math.round(bareRps), non2xx: m('bare', 'non2xx') },
      { case: 'collector, single', 'req/s': Math.round(collRps), 'p50 ms': m('collector', 'p50'), 'p99 ms': m('collector', 'p99'), 'events/s': Math.round(collRps), non2xx: m('collector', 'non2xx') },
      { case: 'bare Fastify, batch', 'req/s': Math.round(m('bareBatch', 'rps')), 'p50 ms': m('bareBatch', 'p50'), 'p99 ms': m('bareBatch', 'p99'), 'events/s': Math.round(m('bareBatch', 'rps') * BATCH_SIZE), non2xx: m('bareBatch', 'non2xx') },
      { case: 'collector, batch', 'req/s': Math.round(m('collectorBatch', 'rps')), 'p50 ms': m('collectorBatch', 'p50'), 'p99 ms': m('collectorBatch', 'p99'), 'events/s': Math.round(m('collectorBatch', 'rps') * BATCH_SIZE), non2xx: m('collectorBatch', 'non2xx') },
    ]),
  );
  const ratios = (runs['collector'] ?? []).map((c, i) => c.rps / ((runs['bare'] ?? [])[i]?.rps ?? NaN));
  console.log(`\ncollector/bare single ratio: ${median(ratios).toFixed(2)}, median of the runs' own ratios (${ratios.map((x) => x.toFixed(2)).join(', ')}; ratio of the medians ${(collRps / bareRps).toFixed(2)}; target ≥ 0.5); collector p99 ${m('collector', 'p99')} ms (target ≤ 20)`);
  console.log(`collector batch: ${Math.round(m('collectorBatch', 'rps') * BATCH_SIZE)} events/s (target ≥ 150000); collector peak RSS ${rss.toFixed(0)} MB (target ≤ 300)`);

  // Where the CPU goes, per event, and what that allows at most on this machine's cores with every one of them busy.
  const cpu = (k: string, f: keyof Result['cpu']) => {
    const xs = (runs[k] ?? []).map((x) => x.cpu[f]).filter((x): x is number => x !== null);
    return xs.length ? median(xs) : null;
  };
  const cores = availableParallelism();
  const cpuRow = (name: string, k: string) => {
    const parts = [cpu(k, 'server'), cpu(k, 'broker'), cpu(k, 'load')];
    const total = parts.every((x) => x !== null) ? (parts as number[]).reduce((a, b) => a + b, 0) : null;
    return { case: name, 'server µs': micros(parts[0] ?? null), 'Kafka broker µs': micros(parts[1] ?? null), 'load generator µs': micros(parts[2] ?? null), 'total µs': micros(total), [`ceiling on ${cores} cores, events/s`]: total === null ? 'n/a' : Math.round(cpuCeiling(total, cores)) };
  };
  console.log(`\nCPU per event (median of runs; all threads of each process, from /proc):\n`);
  console.log(table([cpuRow('bare Fastify, single', 'bare'), cpuRow('collector, single', 'collector'), cpuRow('bare Fastify, batch', 'bareBatch'), cpuRow('collector, batch', 'collectorBatch')]));

  // What batch load can reach on this machine at best: the collector does at least what the bare route does (receive
  // and parse the bodies), the load generator runs here too, and the broker must store the records.
  const [s, l, b] = [cpu('bareBatch', 'server'), cpu('bareBatch', 'load'), cpu('collectorBatch', 'broker')];
  console.log(`\nbatch route stages on one core, in process, µs per event (median of passes over the same ${stages.events} events):\n`);
  console.log(table([{ 'parse (Buffer → JSON.parse)': micros(stages.parse), 'check + enrich + Avro-encode': micros(stages.validateEncode), 'Kafka record batches + CRC': micros(stages.frame) }]));
  if (s !== null && l !== null && b !== null) {
    const most = cpuCeiling(s + l + b, cores);
    console.log(
      `\nbatch bound on this machine: the bare route ${s.toFixed(1)} µs/event + load generator ${l.toFixed(1)} + broker storing the collector's records ${b.toFixed(1)} = ${(s + l + b).toFixed(1)} µs: ` +
        `at most ${Math.round(most)} events/s on ${cores} cores whatever the collector does (target 150000${most < 150_000 ? ': out of reach here' : ''})`,
    );
    // What the collector must do beyond the bare route in any design: check, encode and frame each event.
    const own = stages.validateEncode + stages.frame;
    const withOwn = cpuCeiling(s + l + b + own, cores);
    const room = (cores * 1e6) / 150_000 - (s + l + b);
    const verdict = room <= 0 ? `150000 is beyond this machine even without it` : own > room ? `150000 leaves ${room.toFixed(1)} µs per event for it on ${cores} cores: ${(own / room).toFixed(1)}× too little` : `150000 leaves ${room.toFixed(1)} µs per event for it on ${cores} cores: enough`;
    console.log(`with the collector's own per-event work on top (check + encode + frame ${own.toFixed(1)} µs): at most ${Math.round(withOwn)} events/s; ${verdict}`);
  }
}
