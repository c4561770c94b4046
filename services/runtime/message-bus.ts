/**
 * The project's own small port onto a Kafka client, so the client library can be swapped.
 * Only what the services need; kafkajs-bus.ts implements it.
 */
export interface OutgoingMessage {
  key: string | Buffer | null;
  value: Buffer | null;
  /** Explicit partition; else the client's default (murmur2 of the key) partitioner decides. */
  partition?: number;
  headers?: Record<string, string>;
  timestamp?: number;
}

export interface TopicMessages {
  topic: string;
  messages: OutgoingMessage[];
}

export interface BusProducer {
  connect(): Promise<void>;
  /** Resolves once every message is acknowledged by all in-sync replicas (acks=all). */
  send(batches: TopicMessages[]): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * A producer whose sends are Kafka transactions: all messages of one call become visible to
 * read_committed consumers together, or none do. Used to publish records together with the
 * checkpoint that covers them (exactly once from a file into Kafka).
 *
 * After a failed sendAtomically, connect a new producer with the same transactionalId instead of
 * sending through this one again (the tailer engine does): kafkajs rolls its sequence numbers back
 * after a failed produce request, also one the broker wrote, and a later send reusing them can be
 * taken for a duplicate and acknowledged unwritten. The new producer's InitProducerId fences this
 * one and aborts its open transaction. (Idempotent BusProducers renew themselves: kafkajs-bus.ts.)
 */
export interface TransactionalProducer {
  connect(): Promise<void>;
  sendAtomically(batches: TopicMessages[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  timestamp: number;
  headers: Record<string, string>;
}

export interface IncomingBatch {
  topic: string;
  partition: number;
  messages: IncomingMessage[];
  /** The partition's high watermark when the batch was fetched. */
  highWatermark: string;
}

export interface ConsumerRunOptions {
  /** Handle one batch; offsets are committed only after it resolves. A throw retries the batch. */
  eachBatch: (batch: IncomingBatch) => Promise<void>;
}

export interface BusConsumer {
  connect(): Promise<void>;
  subscribe(topics: string[], opts?: { fromBeginning?: boolean }): Promise<void>;
  run(opts: ConsumerRunOptions): Promise<void>;
  /** Stops fetching, waits for the batch in flight, commits. */
  stop(): Promise<void>;
  disconnect(): Promise<void>;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
  configs: Record<string, string>;
}

export interface TopicState {
  name: string;
  partitions: number;
  configs: Record<string, string>;
}

export interface BusAdmin {
  connect(): Promise<void>;
  listTopics(): Promise<string[]>;
  partitionCount(topic: string): Promise<number>;
  createTopics(specs: TopicSpec[]): Promise<void>;
  describeTopics(names: string[], configKeys: string[]): Promise<TopicState[]>;
  deleteTopics(names: string[]): Promise<void>;
  /** Sum of (high watermark − committed offset) over the group's partitions of a topic. */
  consumerLag(groupId: string, topic: string): Promise<number>;
  disconnect(): Promise<void>;
}

export interface MessageBus {
  producer(opts?: { idempotent?: boolean; requestTimeoutMs?: number }): BusProducer;
  /** One transactionalId per writer instance; a restarted writer with the same id fences its predecessor. */
  transactionalProducer(opts: { transactionalId: string; requestTimeoutMs?: number }): TransactionalProducer;
  /** Consumers read committed data only (records of aborted transactions are never seen). */
  consumer(opts: { groupId: string; sessionTimeoutMs?: number }): BusConsumer;
  admin(): BusAdmin;
}
