/** MessageBus on kafkajs. Producers are idempotent with acks=all; consumers commit after each handled batch. */
import './kafkajs-patches.ts';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { Kafka, logLevel, CompressionTypes, Partitioners, type LogEntry, type Admin, type Producer, type ISocketFactory, type Message } from 'kafkajs';
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
  /** Called with every socket the bus opens (tests use it to lose responses on purpose). */
  tapSocket?: (socket: Socket) => void;
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
function noDelaySocketFactory(tap?: (socket: Socket) => void): ISocketFactory {
  const make = kafkajsSocketFactory();
  return (args) => {
    const socket = make(args);
    socket.setNoDelay(true);
    tap?.(socket);
    return socket;
  };
}

/**
 * An idempotent kafkajs producer must not be used again after a failed send. kafkajs rolls the
 * partitions' sequence numbers back when a produce request fails, also when the broker did write
 * it (a response lost to a timeout or a dropped connection). The next send then reuses those
 * sequence numbers for other records, the broker takes it for a retry of the written batch and
 * acknowledges it without writing it: acknowledged records lost. So after a failed send the next
 * one goes through a new producer (a new producer id); the old one is disconnected once its own
 * sends are done. What the failed send carried may still be in the topic (at least once).
 */
function renewingProducer(make: () => Producer, renewAfterFailure: boolean, send: (p: Producer, batches: TopicMessages[]) => Promise<unknown>): BusProducer {
  interface Generation {
    producer: Producer;
    ready: Promise<void>;
    sending: number;
    retired: boolean;
  }
  let current: Generation | null = null;
  const connected = (): Generation => {
    if (!current) {
      const producer = make();
      const g: Generation = { producer, ready: Promise.resolve(), sending: 0, retired: false };
      g.ready = producer.connect().catch((err: unknown) => {
        if (current === g) current = null; // the next send tries again, with a new producer
        producer.disconnect().catch(() => undefined);
        throw kafkaError(err, 'connecting producer');
      });
      g.ready.catch(() => undefined);
      current = g;
    }
    return current;
  };
  return {
    connect: () => connected().ready,
    send: async (batches: TopicMessages[]) => {
      const g = connected();
      await g.ready;
      g.sending++;
      try {
        await send(g.producer, batches);
      } catch (err) {
        if (renewAfterFailure && current === g) {
          current = null;
          g.retired = true;
        }
        throw kafkaError(err, 'producing');
      } finally {
        g.sending--;
        if (g.retired && g.sending === 0) g.producer.disconnect().catch(() => undefined);
      }
    },
    disconnect: async () => {
      const g = current;
      current = null;
      if (g) await g.producer.disconnect();
    },
  };
}

export function createKafkaBus(opts: KafkaBusOptions): MessageBus {
  const kafka = new Kafka({
    socketFactory: noDelaySocketFactory(opts.tapSocket),
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
      const make = () =>
        kafka.producer({
          idempotent,
          createPartitioner: Partitioners.DefaultPartitioner,
          maxInFlightRequests: idempotent ? 1 : undefined,
          allowAutoTopicCreation: false,
          retry: { retries: opts.retries ?? 5, initialRetryTime: 100, maxRetryTime: 5000 },
        });
      return renewingProducer(make, idempotent, (p, batches) =>
        p.sendBatch({
          acks: -1,
          timeout: popts.requestTimeoutMs ?? 30_000,
          compression: CompressionTypes.None,
          topicMessages: batches.map((b) => ({ topic: b.topic, messages: asKafkaMessages(b.messages) })),
        }),
      );
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
