/** MessageBus on kafkajs. Producers are idempotent with acks=all; consumers commit after each handled batch. */
import './kafkajs-patches.ts';
import { createRequire } from 'node:module';
import { Kafka, logLevel, CompressionTypes, Partitioners, type LogEntry, type Admin, type ISocketFactory, type Message } from 'kafkajs';
import type { Logger } from './logger.ts';
import type { BusAdmin, BusConsumer, BusProducer, TransactionalProducer, IncomingMessage, OutgoingMessage, MessageBus, TopicSpec, TopicState, TopicMessages } from './message-bus.ts';
import { PlaypulseError, UnavailableError } from './errors.ts';
import { waitForTopicLeaders } from './topic-leaders.ts';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  logger?: Logger;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  retries?: number;
}

function logCreator(logger?: Logger) {
  return () =>
    ({ level, log }: LogEntry) => {
      if (!logger) return;
      const { message, ...extra } = log;
      if (level <= logLevel.ERROR) logger.error({ kafka: extra }, message);
      else if (level === logLevel.WARN) logger.warn({ kafka: extra }, message);
    };
}

function headersToStrings(h: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Buffer.isBuffer(v) ? v.toString() : String(v);
  return out;
}

export function kafkaError(err: unknown, what: string): PlaypulseError {
  if (err instanceof PlaypulseError) return err;
  const e = err as { name?: string; message?: string; retriable?: boolean };
  const msg = `${what}: ${e?.message ?? String(err)}`;
  if (e?.retriable === false && e?.name !== 'KafkaJSNumberOfRetriesExceeded' && e?.name !== 'KafkaJSConnectionError') {
    return new PlaypulseError('KAFKA_REJECTED', msg, { retriable: false, cause: err });
  }
  return new UnavailableError('KAFKA_UNAVAILABLE', msg, err);
}

/**
 * Outgoing messages go to kafkajs as they are, without a per-message copy: kafkajs types
 * timestamps as strings but only subtracts them, and the Produce encoder
 * (kafkajs-produce-request.ts) reads numbers and strings alike.
 */
function asKafkaMessages(messages: OutgoingMessage[]): Message[] {
  return messages as unknown as Message[];
}

/**
 * kafkajs' default sockets keep Nagle's algorithm on; a small produce request written while an
 * earlier segment is unacknowledged then waits for the delayed ACK (tens of ms) — a latency tail.
 * kafkajs' own sockets, with TCP_NODELAY.
 */
const kafkajsSocketFactory = createRequire(import.meta.url)('kafkajs/src/network/socketFactory') as () => ISocketFactory;
const noDelaySocketFactory: ISocketFactory = (() => {
  const make = kafkajsSocketFactory();
  return (args) => {
    const socket = make(args);
    socket.setNoDelay(true);
    return socket;
  };
})();

export function createKafkaBus(opts: KafkaBusOptions): MessageBus {
  const kafka = new Kafka({
    socketFactory: noDelaySocketFactory,
    clientId: opts.clientId,
    brokers: opts.brokers,
    logLevel: logLevel.WARN,
    logCreator: logCreator(opts.logger),
    connectionTimeout: opts.connectionTimeoutMs ?? 3000,
    requestTimeout: opts.requestTimeoutMs ?? 30_000,
    retry: { retries: opts.retries ?? 5, initialRetryTime: 100, maxRetryTime: 5000 },
  });

  return {
    producer(popts = {}): BusProducer {
      const idempotent = popts.idempotent ?? true;
      const producer = kafka.producer({
        idempotent,
        createPartitioner: Partitioners.DefaultPartitioner,
        maxInFlightRequests: idempotent ? 1 : undefined,
        allowAutoTopicCreation: false,
        retry: { retries: opts.retries ?? 5, initialRetryTime: 100, maxRetryTime: 5000 },
      });
      return {
        connect: async () => {
          try {
            await producer.connect();
          } catch (err) {
            throw kafkaError(err, 'connecting producer');
          }
        },
        send: async (batches: TopicMessages[]) => {
          try {
            await producer.sendBatch({
              acks: -1,
              timeout: popts.requestTimeoutMs ?? 30_000,
              compression: CompressionTypes.None,
              topicMessages: batches.map((b) => ({
                topic: b.topic,
                messages: asKafkaMessages(b.messages),
              })),
            });
          } catch (err) {
            throw kafkaError(err, 'producing');
          }
        },
        disconnect: () => producer.disconnect(),
      };
    },

    transactionalProducer(topts): TransactionalProducer {
      const producer = kafka.producer({
        transactionalId: topts.transactionalId,
        createPartitioner: Partitioners.DefaultPartitioner,
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        transactionTimeout: 60_000,
      });
      return {
        connect: async () => {
          try {
            await producer.connect();
          } catch (err) {
            throw kafkaError(err, 'connecting transactional producer');
          }
        },
        sendAtomically: async (batches: TopicMessages[]) => {
          const tx = await producer.transaction().catch((err: unknown) => {
            throw kafkaError(err, 'beginning transaction');
          });
          try {
            await tx.sendBatch({
              acks: -1,
              timeout: topts.requestTimeoutMs ?? 30_000,
              topicMessages: batches.map((b) => ({ topic: b.topic, messages: asKafkaMessages(b.messages) })),
            });
            await tx.commit();
          } catch (err) {
            await tx.abort().catch(() => undefined);
            throw kafkaError(err, 'transactional send');
          }
        },
        disconnect: () => producer.disconnect(),
      };
    },

    consumer(copts): BusConsumer {
      const consumer = kafka.consumer({ groupId: copts.groupId, sessionTimeout: copts.sessionTimeoutMs ?? 30_000, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
      return {
        connect: () => consumer.connect(),
        subscribe: (topics, sopts = {}) => consumer.subscribe({ topics, fromBeginning: sopts.fromBeginning ?? true }),
        run: ({ eachBatch }) =>
          consumer.run({
            autoCommit: true,
            eachBatchAutoResolve: true,
            eachBatch: async ({ batch, isRunning, isStale }) => {
              if (!isRunning() || isStale()) return;
              const messages: IncomingMessage[] = batch.messages.map((m) => ({
                topic: batch.topic,
                partition: batch.partition,
                offset: m.offset,
                key: m.key,
                value: m.value,
                timestamp: Number(m.timestamp),
                headers: headersToStrings(m.headers as Record<string, unknown> | undefined),
              }));
              await eachBatch({ topic: batch.topic, partition: batch.partition, messages, highWatermark: batch.highWatermark });
            },
          }),
        stop: () => consumer.stop(),
        disconnect: () => consumer.disconnect(),
      };
    },

    admin(): BusAdmin {
      const admin: Admin = kafka.admin();
      return {
        connect: () => admin.connect(),
        listTopics: () => admin.listTopics(),
        partitionCount: async (topic) => {
          const meta = await admin.fetchTopicMetadata({ topics: [topic] });
          return meta.topics[0]?.partitions.length ?? 0;
        },
        createTopics: async (specs: TopicSpec[]) => {
          await admin.createTopics({
            waitForLeaders: false,
            topics: specs.map((s) => ({ topic: s.name, numPartitions: s.partitions, replicationFactor: s.replicationFactor, configEntries: Object.entries(s.configs).map(([name, value]) => ({ name, value })) })),
          });
          const names = specs.map((s) => s.name);
          await waitForTopicLeaders(() => admin.fetchTopicMetadata({ topics: names }), names, { timeoutMs: opts.requestTimeoutMs ?? 30_000 });
        },
        describeTopics: async (names, configKeys): Promise<TopicState[]> => {
          if (names.length === 0) return [];
          const meta = await admin.fetchTopicMetadata({ topics: names });
          const configs = await admin.describeConfigs({ includeSynonyms: false, resources: names.map((name) => ({ type: 2, name, configNames: configKeys })) });
          return meta.topics.map((t) => {
            const res = configs.resources.find((r) => r.resourceName === t.name);
            const c: Record<string, string> = {};
            for (const e of res?.configEntries ?? []) c[e.configName] = e.configValue;
            return { name: t.name, partitions: t.partitions.length, configs: c };
          });
        },
        deleteTopics: (names) => admin.deleteTopics({ topics: names }),
        consumerLag: async (groupId, topic) => {
          const [committed, latest] = await Promise.all([admin.fetchOffsets({ groupId, topics: [topic] }), admin.fetchTopicOffsets(topic)]);
          const byPartition = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
          let lag = 0;
          for (const p of latest) {
            const c = byPartition.get(p.partition) ?? -1;
            lag += Number(p.high) - (c < 0 ? Number(p.low) : c);
          }
          return lag;
        },
        disconnect: () => admin.disconnect(),
      };
    },
  };
}
