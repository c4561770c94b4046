import { describe, it, expect } from 'vitest';
import { createPartitionedProducer } from '../../../services/runtime/partitioned-producer.ts';
import type { BusProducer, TopicMessages } from '../../../services/runtime/message-bus.ts';
import { partitionForKey } from '../../../services/runtime/murmur2-partition.ts';

/** A producer whose sends complete when the test says so. */
function manualProducer() {
  const sends: Array<{ batches: TopicMessages[]; done: (err?: Error) => void }> = [];
  const p: BusProducer = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    send: (batches) => new Promise<void>((resolve, reject) => sends.push({ batches, done: (err) => (err ? reject(err) : resolve()) })),
  };
  return { p, sends };
}
const tick = () => new Promise((r) => setImmediate(r));
const msg = (key: string, v = 'x') => ({ key, value: Buffer.from(v) });
const values = (b: TopicMessages[]) => b.flatMap((t) => t.messages.map((m) => String(m.value)));

describe('partitioned producer with natural batching', () => {
  it('sends at once when idle and merges what arrives while a send is in flight', async () => {
    const a = manualProducer();
    const pool = createPartitionedProducer({ producers: [a.p], partitionCount: async () => 6 });
    const first = pool.send([{ topic: 't', messages: [msg('k1', '1')] }]);
    await tick();
    expect(a.sends).toHaveLength(1);
    const second = pool.send([{ topic: 't', messages: [msg('k2', '2')] }]);
    const third = pool.send([{ topic: 't', messages: [msg('k3', '3'), msg('k4', '4')] }]);
    await tick();
    expect(a.sends).toHaveLength(1); // one in flight per producer
    a.sends[0]!.done();
    await first;
    await tick();
    expect(a.sends).toHaveLength(2);
    expect(values(a.sends[1]!.batches)).toEqual(['2', '3', '4']); // merged, in arrival order
    a.sends[1]!.done();
    await expect(Promise.all([second, third])).resolves.toBeDefined();
  });

  it('routes each key to its murmur2 partition and that partition always to the same producer', async () => {
    const ps = [manualProducer(), manualProducer(), manualProducer()];
    const pool = createPartitionedProducer({ producers: ps.map((x) => x.p), partitionCount: async () => 6 });
    const keys = Array.from({ length: 60 }, (_, i) => `session-${i}`);
    const done = pool.send([{ topic: 't', messages: keys.map((k) => msg(k, k)) }]);
    await tick();
    for (const [i, x] of ps.entries()) {
      for (const s of x.sends) {
        for (const m of s.batches[0]!.messages) {
          const partition = partitionForKey(m.key as string, 6);
          expect(m.partition).toBe(partition);
          expect(partition % 3).toBe(i);
        }
        s.done();
      }
    }
    expect(ps.reduce((n, x) => n + x.sends.reduce((c, s) => c + s.batches[0]!.messages.length, 0), 0)).toBe(60);
    await done;
  });

  it('fails exactly the callers whose records were in a failed send', async () => {
    const a = manualProducer();
    const b = manualProducer();
    const pool = createPartitionedProducer({ producers: [a.p, b.p], partitionCount: async () => 2 });
    const keyFor = (slot: number) => Array.from({ length: 100 }, (_, i) => `k${i}`).find((k) => partitionForKey(k, 2) === slot) as string;
    const onA = pool.send([{ topic: 't', messages: [msg(keyFor(0))] }]);
    const onBoth = pool.send([{ topic: 't', messages: [msg(keyFor(0)), msg(keyFor(1))] }]);
    const onB = pool.send([{ topic: 't', messages: [msg(keyFor(1))] }]);
    await tick();
    a.sends[0]!.done(new Error('broker gone'));
    b.sends[0]!.done();
    await expect(onA).rejects.toThrow('broker gone');
    await tick();
    // onBoth's slot-0 record went in a's second send (queued behind the failed one)
    a.sends[1]!.done(new Error('still gone'));
    await expect(onBoth).rejects.toThrow('still gone');
    b.sends[1]!.done(); // onB queued behind onBoth's slot-1 record
    await expect(onB).resolves.toBeUndefined();
    expect(a.sends).toHaveLength(2);
    expect(b.sends).toHaveLength(2);
  });

  it('splits a backlog into sends of at most maxSendBytes', async () => {
    const a = manualProducer();
    const pool = createPartitionedProducer({ producers: [a.p], partitionCount: async () => 1, maxSendBytes: 1000 });
    const first = pool.send([{ topic: 't', messages: [msg('k', 'a')] }]);
    await tick();
    const backlog = pool.send([{ topic: 't', messages: Array.from({ length: 10 }, (_, i) => msg('k', String(i).repeat(300))) }]);
    a.sends[0]!.done();
    await first;
    const sizes: number[] = [];
    for (let i = 1; i < 20 && sizes.reduce((x, y) => x + y, 0) < 10; i++) {
      await tick();
      const s = a.sends[i];
      if (!s) break;
      const n = s.batches[0]!.messages.length;
      sizes.push(n);
      expect(s.batches[0]!.messages.reduce((t, m) => t + (m.value?.length ?? 0), 0)).toBeLessThanOrEqual(1000);
      s.done();
    }
    expect(sizes.reduce((x, y) => x + y, 0)).toBe(10);
    expect(sizes.length).toBeGreaterThan(1);
    await backlog;
  });

  it('disconnect waits for queued and in-flight sends', async () => {
    const a = manualProducer();
    const pool = createPartitionedProducer({ producers: [a.p], partitionCount: async () => 1 });
    void pool.send([{ topic: 't', messages: [msg('k')] }]);
    await tick();
    void pool.send([{ topic: 't', messages: [msg('k')] }]);
    let closed = false;
    const closing = pool.disconnect().then(() => (closed = true));
    await tick();
    expect(closed).toBe(false);
    a.sends[0]!.done();
    await tick();
    await tick();
    expect(closed).toBe(false);
    a.sends[1]!.done();
    await closing;
    expect(closed).toBe(true);
  });
});
