/**
 * buildCollector(config, deps) → a service tests can start and stop. Connects to Kafka and the
 * registry on start (after config was validated), serves the API, drains on stop: stops accepting
 * connections, waits for requests in flight and their Kafka acknowledgements, disconnects.
 */
import type { FastifyInstance } from 'fastify';
import type { DeadLetter, UavEvent } from '../../avro/generated/index.ts';
import { loadSchema } from '../../avro/subjects.ts';
import { topicName } from '../../topics/catalog.ts';
import { AvroSerde, subjectFor } from '../runtime/avro-serde.ts';
import { BatchingProducer } from '../runtime/batching-producer.ts';
import { createPartitionedProducer } from '../runtime/partitioned-producer.ts';
import { createKafkaBus } from '../runtime/kafkajs-bus.ts';
import type { MessageBus } from '../runtime/message-bus.ts';
import { createLogger, type Logger } from '../runtime/logger.ts';
import type { Service } from '../runtime/service.ts';
import { ConfigError } from '../runtime/errors.ts';
import type { CollectorConfig } from './config.ts';
import { BatchWorkerPool } from './batch-worker-pool.ts';
import { buildCollectorApp } from './app.ts';
import { createKafkaActivitySink } from './activity-sink.ts';
import { createTokenVerifier } from './token-auth.ts';
import { CollectorRateLimiter } from './rate-limiter.ts';
import { createCollectorTelemetry } from './collector-telemetry.ts';

export interface CollectorDeps {
  bus?: MessageBus;
  serde?: AvroSerde;
  logger?: Logger;
}

export interface Collector extends Service {
  /** The HTTP app, available after start(). */
  app(): FastifyInstance;
  /** Bound address after start(), e.g. http://127.0.0.1:8080 */
  address(): string;
}

export function checkAuthConfig(config: CollectorConfig): void {
  if (config.COLLECTOR_AUTH === 'jwt' && !config.COLLECTOR_TOKEN_SECRET && Object.keys(config.COLLECTOR_TOKEN_SECRETS).length === 0) {
    throw new ConfigError('COLLECTOR_AUTH=jwt needs COLLECTOR_TOKEN_SECRET or COLLECTOR_TOKEN_SECRETS (or COLLECTOR_AUTH=off for the local demo)', { variables: ['COLLECTOR_TOKEN_SECRET'] });
  }
}

export function buildCollector(config: CollectorConfig, deps: CollectorDeps = {}): Collector {
  checkAuthConfig(config);
  const logger = deps.logger ?? createLogger('collector', config.LOG_LEVEL);
  const bus = deps.bus ?? createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: 'playpulse-collector', logger, retries: 3 });
  const serde = deps.serde ?? new AvroSerde(config.SCHEMA_REGISTRY_URL);
  const metrics = createCollectorTelemetry();
  const admin = bus.admin();
  const producer = createPartitionedProducer({
    producers: Array.from({ length: config.COLLECTOR_PRODUCERS }, () => bus.producer({ idempotent: true, requestTimeoutMs: config.COLLECTOR_ACK_TIMEOUT_MS })),
    partitionCount: (topic) => admin.partitionCount(topic),
  });
  let batching: BatchingProducer | null = null;
  let batchWorkers: BatchWorkerPool | null = null;
  let app: FastifyInstance | null = null;
  let address = '';
  let kafkaReady = false;

  return {
    app: () => {
      if (!app) throw new Error('collector not started');
      return app;
    },
    address: () => address,
    async start() {
      const eventsTopic = topicName(config.TOPIC_PREFIX, 'uav.events.v1');
      const dlqTopic = topicName(config.TOPIC_PREFIX, 'dlq.v1');
      const [event, deadLetter] = await Promise.all([
        serde.encoder<UavEvent>(subjectFor(eventsTopic), loadSchema('uav.events.v1')),
        serde.encoder<DeadLetter>(subjectFor(dlqTopic), loadSchema('dlq.v1')),
      ]);
      await admin.connect();
      await producer.connect();
      kafkaReady = true;
      batching = new BatchingProducer(producer, {
        lingerMs: config.COLLECTOR_LINGER_MS,
        maxBatchRecords: config.COLLECTOR_MAX_BATCH_RECORDS,
        maxQueuedRecords: config.COLLECTOR_MAX_QUEUED_RECORDS,
        ackTimeoutMs: config.COLLECTOR_ACK_TIMEOUT_MS,
        maxConcurrentSends: config.COLLECTOR_MAX_CONCURRENT_SENDS,
        concurrentSendMinRecords: config.COLLECTOR_CONCURRENT_SEND_MIN_RECORDS,
      }, {
        onSend: (records, _s, ok) => {
          kafkaReady = ok;
          metrics.sendRecords.observe(records);
        },
      });
      batchWorkers = config.COLLECTOR_BATCH_WORKERS > 0 ? new BatchWorkerPool(config.COLLECTOR_BATCH_WORKERS, { schemaId: event.schemaId, subject: event.subject }, logger) : null;
      app = await buildCollectorApp({
        batchWorkers,
        sink: createKafkaActivitySink(batching, { event, deadLetter }, { events: eventsTopic, deadLetters: dlqTopic }),
        metrics,
        auth: config.COLLECTOR_AUTH === 'off' ? null : createTokenVerifier({ defaultKey: config.COLLECTOR_TOKEN_SECRET, tenantKeys: config.COLLECTOR_TOKEN_SECRETS }),
        defaultTenant: config.COLLECTOR_DEFAULT_TENANT,
        rateLimiter: new CollectorRateLimiter({ tenantPerSecond: config.COLLECTOR_RATE_LIMIT_TENANT_PER_SECOND, devicePerSecond: config.COLLECTOR_RATE_LIMIT_DEVICE_PER_SECOND }),
        ipHashKey: config.COLLECTOR_IP_HASH_KEY,
        maxBodyBytes: config.COLLECTOR_MAX_BODY_BYTES,
        maxBatchBodyBytes: config.COLLECTOR_MAX_BATCH_BODY_BYTES,
        maxBatchItems: config.COLLECTOR_MAX_BATCH_ITEMS,
        retryAfterSeconds: config.COLLECTOR_RETRY_AFTER_SECONDS,
        trustProxy: config.COLLECTOR_TRUST_PROXY,
        readiness: () => ({ kafka: kafkaReady, queue: (batching?.stats().queued ?? 0) < config.COLLECTOR_MAX_QUEUED_RECORDS }),
      });
      address = await app.listen({ port: config.COLLECTOR_PORT, host: config.COLLECTOR_HOST });
      logger.info({ address, auth: config.COLLECTOR_AUTH }, 'collector listening');
    },
    async stop() {
      if (app) await app.close(); // stops accepting, waits for in-flight requests (each awaits its Kafka ack)
      if (batchWorkers) await batchWorkers.close();
      if (batching) await batching.close();
      await producer.disconnect().catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    },
  };
}
