/**
 * Wires the tailer: Kafka (transactional producers, checkpoint topic), the Avro encoders, the
 * engine and the ops server (/healthz /readyz /metrics on TAILER_PORT). Tests drive it in-process.
 */
import type { FastifyInstance } from 'fastify';
import type { AccessEvent, DeadLetter, SsaiEvent } from '../../avro/generated/index.ts';
import { loadSchema } from '../../avro/subjects.ts';
import { topicName } from '../../topics/catalog.ts';
import { AvroSerde, subjectFor } from '../runtime/avro-serde.ts';
import { createKafkaBus } from '../runtime/kafkajs-bus.ts';
import { createLogger, type Logger } from '../runtime/logger.ts';
import type { MessageBus } from '../runtime/message-bus.ts';
import { buildOpsServer } from '../runtime/ops-routes.ts';
import type { Service } from '../runtime/service.ts';
import { DEFAULT_IP_HASH_KEY, type TailerConfig } from './config.ts';
import { CHECKPOINT_TOPIC, ensureCheckpointTopic } from './checkpoint/checkpoint-topic.ts';
import { TailerEngine } from './engine/tailer-engine.ts';
import { inlineParsers } from './publish/line-parser.ts';
import { sharedParsers } from './publish/shared-line-parser.ts';
import { ParseWorkerPool } from './publish/parse-worker-pool.ts';
import type { ParseWorkerInit } from './publish/parse-worker-protocol.ts';
import { createTailerTelemetry, type TailerTelemetry } from './telemetry.ts';
import type { SourceSpec } from './sources/source-spec.ts';

export interface TailerDeps {
  bus?: MessageBus;
  serde?: AvroSerde;
  logger?: Logger;
  telemetry?: TailerTelemetry;
  /** Resolve relative source paths against this directory (default: process.cwd()). */
  cwd?: string;
  /** Overrides TAILER_SOURCES (backfill). */
  sources?: readonly SourceSpec[];
  /** Serve /healthz /readyz /metrics (default true). */
  opsServer?: boolean;
  /** Poll the sources in the background after start (default true); false for backfill, which drives the engine. */
  follow?: boolean;
  /** Makes the parse workers when TAILER_PARSE_WORKERS > 0 (tests keep a handle on them). */
  createParseWorkers?: (count: number, init: ParseWorkerInit, logger: Logger) => ParseWorkerPool;
}

export interface Tailer extends Service {
  readonly telemetry: TailerTelemetry;
  /** The engine, once started (tests and backfill). */
  engine(): TailerEngine;
  /** The ops server's port once listening. */
  port(): number;
}

export function buildTailer(config: TailerConfig, deps: TailerDeps = {}): Tailer {
  const logger = deps.logger ?? createLogger('tailer', config.LOG_LEVEL);
  const tel = deps.telemetry ?? createTailerTelemetry();
  const bus = deps.bus ?? createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: `playpulse-tailer-${config.TAILER_INSTANCE_ID}`, logger });
  const serde = deps.serde ?? new AvroSerde(config.SCHEMA_REGISTRY_URL);
  const prefix = config.TOPIC_PREFIX;
  const topics = {
    ssai: topicName(prefix, 'ssai.events.v1'),
    access: topicName(prefix, 'access.events.v1'),
    dlq: topicName(prefix, 'dlq.v1'),
    checkpoints: topicName(prefix, CHECKPOINT_TOPIC),
  };
  let engine: TailerEngine | null = null;
  let ops: FastifyInstance | null = null;
  let parseWorkers: ParseWorkerPool | null = null;
  let listeningPort = 0;

  return {
    telemetry: tel,
    engine() {
      if (!engine) throw new Error('tailer not started');
      return engine;
    },
    port: () => listeningPort,

    async start() {
      if (config.TAILER_IP_HASH_KEY === DEFAULT_IP_HASH_KEY) logger.warn('TAILER_IP_HASH_KEY is the built-in demo key; set a secret outside the local demo');
      if (deps.opsServer !== false) {
        ops = buildOpsServer(tel.telemetry, () => ({ kafka: engine?.isReady() ?? false }));
        await ops.listen({ port: config.TAILER_PORT, host: '0.0.0.0' });
        const addr = ops.server.address();
        listeningPort = typeof addr === 'object' && addr ? addr.port : config.TAILER_PORT;
      }
      const admin = bus.admin();
      await admin.connect();
      try {
        await ensureCheckpointTopic(admin, prefix);
      } finally {
        await admin.disconnect();
      }
      const [ssai, access, dlq] = await Promise.all([
        serde.encoder<SsaiEvent>(subjectFor(topics.ssai), loadSchema('ssai.events.v1')),
        serde.encoder<AccessEvent>(subjectFor(topics.access), loadSchema('access.events.v1')),
        serde.encoder<DeadLetter>(subjectFor(topics.dlq), loadSchema('dlq.v1')),
      ]);
      if (config.TAILER_PARSE_WORKERS > 0) {
        const create = deps.createParseWorkers ?? ((n, init, log) => new ParseWorkerPool(n, init, log));
        parseWorkers = create(config.TAILER_PARSE_WORKERS, { encoders: { ssai: { schemaId: ssai.schemaId, subject: ssai.subject }, access: { schemaId: access.schemaId, subject: access.subject } } }, logger);
      }
      engine = new TailerEngine({
        bus,
        logger,
        tel,
        sources: deps.sources ?? config.TAILER_SOURCES,
        instanceId: config.TAILER_INSTANCE_ID,
        lanes: config.TAILER_LANES,
        pollIntervalMs: config.TAILER_POLL_INTERVAL_MS,
        settleMs: config.TAILER_SETTLE_MS,
        cleanup: { enabled: config.TAILER_CLEANUP_ENABLED, retentionDays: config.TAILER_RETENTION_DAYS },
        settings: {
          batchLines: config.TAILER_BATCH_LINES,
          batchBytes: config.TAILER_BATCH_BYTES,
          lateCutoffMs: config.TAILER_LATE_CUTOFF_MS,
          ipHashKey: config.TAILER_IP_HASH_KEY,
          tenant: config.TAILER_TENANT ?? null,
        },
        openParser: parseWorkers ? sharedParsers(parseWorkers.open, inlineParsers({ ssai, access })) : inlineParsers({ ssai, access }),
        dlqEncoder: dlq,
        topics,
        groupPrefix: `${prefix}playpulse-tailer-restore-${config.TAILER_INSTANCE_ID}`,
        ...(deps.cwd ? { cwd: deps.cwd } : {}),
      });
      await engine.connect();
      if (deps.follow !== false) engine.start();
    },

    async stop() {
      await engine?.stop();
      await parseWorkers?.close();
      parseWorkers = null;
      await ops?.close();
    },
  };
}
