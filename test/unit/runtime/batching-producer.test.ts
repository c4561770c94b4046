/**
 * Micro-batching in front of a producer: callers' records share sends; each caller resolves only
 * after the send carrying its records was acknowledged; while a send is in flight, small batches wait
 * for it and go together (COLLECTOR_CONCURRENT_SEND_MIN_RECORDS), big ones start a send of their own;
 * bounded queue and bounded wait. The producer here is an in-memory stand-in whose sends the test
 * acknowledges by hand (pure logic, no Kafka).
 */
import { describe, it, expect } from 'vitest';
import { AckTimeoutError, BatchingProducer, QueueFullError, type BatchingProducerOptions } from '../../../services/runtime/batching-producer.ts';
import type { BusProducer, TopicMessages } from '../../../services/runtime/message-bus.ts';

class HandAckedProducer implements BusProducer {
  readonly sends: Array<{ records: number; ack: () => void; fail: (e: Error) => void }> = [];
  connect = async () => undefined;
  disconnect = async () => undefined;
  send(batches: TopicMessages[]): Promise<void> {
    return new Promise((ack, fail) => this.sends.push({ records: batches.reduce((n, b) => n + b.messages.length, 0), ack, fail }));
  }
  inFlight(): number[] {
    return this.sends.map((s) => s.records);
  }
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const records = (n: number) => Array.from({ length: n }, (_, i) => ({ topic: 't', message: { key: `k${i}`, value: Buffer.from('v') } }));
const options = (o: Partial<BatchingProducerOptions> = {}): BatchingProducerOptions => ({ lingerMs: 0, maxBatchRecords: 10_000, maxQueuedRecords: 100_000, ackTimeoutMs: 5_000, maxConcurrentSends: 64, concurrentSendMinRecords: 10, ...o });

describe('BatchingProducer', () => {
  it('resolves a caller only once the send carrying its records is acknowledged', async () => {
    const kafka = new HandAckedProducer();
    const p = new BatchingProducer(kafka, options());
    let done = false;
    const published = p.publish(records(2)).then(() => (done = true));
    await tick();
    expect(kafka.inFlight()).toEqual([2]);
    expect(done).toBe(false);
    kafka.sends[0]!.ack();
    await published;
    expect(done).toBe(true);
  });

  it('lets small batches wait for the send in flight and sends them together', async () => {
    const kafka = new HandAckedProducer();
    const p = new BatchingProducer(kafka, options({ concurrentSendMinRecords: 10 }));
    const first = p.publish(records(1));
    await tick();
    const later = [1, 2, 3].map(() => p.publish(records(2)));
    await tick();
    expect(kafka.inFlight()).toEqual([1]); // 6 records wait: fewer than 10
    kafka.sends[0]!.ack();
    await first;
    await tick();
    expect(kafka.inFlight()).toEqual([1, 6]);
    kafka.sends[1]!.ack();
    await Promise.all(later);
  });

  it('starts a concurrent send once enough records wait', async () => {
    const kafka = new HandAckedProducer();
    const p = new BatchingProducer(kafka, options({ concurrentSendMinRecords: 10, maxConcurrentSends: 2 }));
    const all = [p.publish(records(1))];
    await tick();
    all.push(p.publish(records(12)));
    await tick();
    expect(kafka.inFlight()).toEqual([1, 12]);
    all.push(p.publish(records(12))); // a third send would exceed maxConcurrentSends
    await tick();
    expect(kafka.inFlight()).toEqual([1, 12]);
    kafka.sends[0]!.ack();
    await tick();
    expect(kafka.inFlight()).toEqual([1, 12, 12]);
    kafka.sends[1]!.ack();
    kafka.sends[2]!.ack();
    await Promise.all(all);
  });

  it('with a minimum of 1, sends again on every turn while a send is in flight', async () => {
    const kafka = new HandAckedProducer();
    const p = new BatchingProducer(kafka, options({ concurrentSendMinRecords: 1 }));
    const all = [p.publish(records(1))];
    await tick();
    all.push(p.publish(records(1)));
    await tick();
    all.push(p.publish(records(1)));
    await tick();
    expect(kafka.inFlight()).toEqual([1, 1, 1]);
    for (const s of kafka.sends) s.ack();
    await Promise.all(all);
  });

  it('refuses records beyond the queue bound, fails a caller whose records are not acknowledged in time, and sends what waits on close', async () => {
    const kafka = new HandAckedProducer();
    const p = new BatchingProducer(kafka, options({ maxQueuedRecords: 5, ackTimeoutMs: 50 }));
    const stuck = p.publish(records(4));
    await expect(p.publish(records(2))).rejects.toBeInstanceOf(QueueFullError);
    await expect(stuck).rejects.toBeInstanceOf(AckTimeoutError);
    kafka.sends[0]!.ack();
    await tick();
    const queued = p.publish(records(1));
    const closed = p.close();
    await tick();
    for (const s of kafka.sends.slice(1)) s.ack();
    await closed;
    await queued;
    expect(kafka.inFlight()).toEqual([4, 1]);
    await expect(p.publish(records(1))).rejects.toMatchObject({ code: 'PRODUCER_CLOSED' });
  });
});
