/**
 * Micro-batching in front of a BusProducer: many callers' records share one Kafka send, each caller's
 * promise resolves only after Kafka acknowledged (acks=all) the send that carried its records.
 * The queue is bounded (QueueFullError → backpressure) and each publish has a bounded wait
 * (AckTimeoutError): memory never grows without bound when Kafka is away.
 */
import type { BusProducer, OutgoingMessage, TopicMessages } from './message-bus.ts';
import { PlaypulseError, UnavailableError } from './errors.ts';

export class QueueFullError extends PlaypulseError {
  constructor(queued: number) {
    super('QUEUE_FULL', `producer queue is full (${queued} records waiting for Kafka)`, { retriable: true });
  }
}

export class AckTimeoutError extends PlaypulseError {
  constructor(ms: number) {
    super('ACK_TIMEOUT', `Kafka did not acknowledge within ${ms} ms`, { retriable: true });
  }
}

export interface BatchingProducerOptions {
  /** Wait at most this long for more records before sending. */
  lingerMs: number;
  /** Send as soon as this many records are queued. */
  maxBatchRecords: number;
  /** Records queued or in flight beyond this are refused with QueueFullError. */
  maxQueuedRecords: number;
  /** A publish that is not acknowledged within this time fails with AckTimeoutError. */
  ackTimeoutMs: number;
  /** Sends in flight at once. */
  maxConcurrentSends: number;
  /**
   * While a send is in flight, another starts only once this many records wait; fewer wait for it
   * and then go together. Each send becomes a produce request of its own, and many small ones cost
   * the collector and the broker CPU per record. 1 = a send for every turn of the event loop.
   */
  concurrentSendMinRecords: number;
}

export interface ProducerStats {
  queued: number;
  inFlight: number;
}

interface Pending {
  records: Array<{ topic: string; message: OutgoingMessage }>;
  resolve: () => void;
  reject: (err: Error) => void;
  settled: boolean;
}

export interface BatchObserver {
  onSend?(records: number, seconds: number, ok: boolean): void;
}

export class BatchingProducer {
  private waiting: Pending[] = [];
  private waitingRecords = 0;
  private inFlightRecords = 0;
  private sending = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly idle: Array<() => void> = [];

  constructor(
    private readonly producer: BusProducer,
    private readonly opts: BatchingProducerOptions,
    private readonly observer: BatchObserver = {},
  ) {}

  stats(): ProducerStats {
    return { queued: this.waitingRecords, inFlight: this.inFlightRecords };
  }

  /** Resolves once every record is acknowledged by Kafka; rejects with a retriable error otherwise. */
  publish(records: Array<{ topic: string; message: OutgoingMessage }>): Promise<void> {
    if (this.closed) return Promise.reject(new UnavailableError('PRODUCER_CLOSED', 'producer is shutting down'));
    if (records.length === 0) return Promise.resolve();
    if (this.waitingRecords + this.inFlightRecords + records.length > this.opts.maxQueuedRecords) {
      return Promise.reject(new QueueFullError(this.waitingRecords + this.inFlightRecords));
    }
    return new Promise<void>((resolve, reject) => {
      const pending: Pending = { records, resolve, reject, settled: false };
      const timeout = setTimeout(() => settle(pending, new AckTimeoutError(this.opts.ackTimeoutMs)), this.opts.ackTimeoutMs);
      pending.resolve = () => {
        clearTimeout(timeout);
        resolve();
      };
      pending.reject = (err) => {
        clearTimeout(timeout);
        reject(err);
      };
      this.waiting.push(pending);
      this.waitingRecords += records.length;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.sending >= this.opts.maxConcurrentSends) return;
    if (this.sending > 0 && this.waitingRecords < this.opts.concurrentSendMinRecords && !this.closed) return; // goes when the send in flight is done
    if (this.waitingRecords >= this.opts.maxBatchRecords || this.closed) {
      this.flush();
      return;
    }
    if (this.timer === null && this.waiting.length > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, this.opts.lingerMs);
    }
  }

  private flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.waiting.length === 0 || this.sending >= this.opts.maxConcurrentSends) return;
    const batch: Pending[] = [];
    let count = 0;
    while (this.waiting.length > 0 && (count === 0 || count + (this.waiting[0] as Pending).records.length <= this.opts.maxBatchRecords)) {
      const p = this.waiting.shift() as Pending;
      count += p.records.length;
      batch.push(p);
    }
    this.waitingRecords -= count;
    this.inFlightRecords += count;
    this.sending += 1;
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const p of batch) {
      if (p.settled) continue; // timed out while queued: its caller already got a 503, so it is not sent
      for (const r of p.records) {
        let list = byTopic.get(r.topic);
        if (!list) byTopic.set(r.topic, (list = []));
        list.push(r.message);
      }
    }
    const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    const started = process.hrtime.bigint();
    const send = topicMessages.length === 0 ? Promise.resolve() : this.producer.send(topicMessages);
    send.then(
      () => {
        this.observer.onSend?.(count, Number(process.hrtime.bigint() - started) / 1e9, true);
        for (const p of batch) settle(p);
      },
      (err: unknown) => {
        this.observer.onSend?.(count, Number(process.hrtime.bigint() - started) / 1e9, false);
        const e = err instanceof PlaypulseError ? err : new UnavailableError('KAFKA_UNAVAILABLE', (err as Error).message, err);
        for (const p of batch) settle(p, e);
      },
    ).finally(() => {
      this.inFlightRecords -= count;
      this.sending -= 1;
      if (this.waiting.length > 0) this.schedule();
      else if (this.sending === 0) this.idle.splice(0).forEach((f) => f());
    });
    if (this.waiting.length > 0) this.schedule();
  }

  /** Stops accepting, sends what is queued, waits for every send in flight. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.waiting.length === 0 && this.sending === 0) return;
    const done = new Promise<void>((r) => this.idle.push(r));
    this.flush();
    await done;
  }
}

function settle(p: Pending, err?: Error): void {
  if (p.settled) return;
  p.settled = true;
  if (err) p.reject(err);
  else p.resolve();
}
