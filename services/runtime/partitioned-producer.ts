/**
 * A BusProducer over a pool of idempotent producers. Each record's partition is chosen here with
 * Kafka's default (murmur2) partitioner, and each partition always goes through the same pool member,
 * whose sends are strictly one after another. So per-partition order holds, no idempotent producer
 * ever has two sends in flight (kafkajs requires that), and several partitions progress in parallel.
 * Keyless records go round-robin.
 */
import type { BusProducer, OutgoingMessage, TopicMessages } from './message-bus.ts';
import { partitionForKey } from './murmur2-partition.ts';

export interface PartitionedProducerOptions {
  producers: BusProducer[];
  /** Partition count of a topic (cached by the caller or here). */
  partitionCount: (topic: string) => Promise<number>;
  /** How long a topic's partition count is trusted before it is looked up again. */
  metadataMaxAgeMs?: number;
}

export function createPartitionedProducer(o: PartitionedProducerOptions): BusProducer {
  const counts = new Map<string, { n: number; at: number }>();
  const chains: Array<Promise<unknown>> = o.producers.map(() => Promise.resolve());
  const maxAge = o.metadataMaxAgeMs ?? 60_000;
  let roundRobin = 0;

  const countFor = async (topic: string): Promise<number> => {
    const c = counts.get(topic);
    if (c && Date.now() - c.at < maxAge) return c.n;
    const n = await o.partitionCount(topic);
    counts.set(topic, { n, at: Date.now() });
    return n;
  };

  return {
    connect: async () => {
      await Promise.all(o.producers.map((p) => p.connect()));
    },
    async send(batches: TopicMessages[]) {
      const perProducer: Array<Map<string, OutgoingMessage[]>> = o.producers.map(() => new Map());
      for (const b of batches) {
        const n = await countFor(b.topic);
        for (const m of b.messages) {
          const partition = m.key === null ? roundRobin++ % n : partitionForKey(m.key, n);
          const slot = perProducer[partition % o.producers.length] as Map<string, OutgoingMessage[]>;
          let list = slot.get(b.topic);
          if (!list) slot.set(b.topic, (list = []));
          list.push({ ...m, partition });
        }
      }
      const sends: Array<Promise<unknown>> = [];
      perProducer.forEach((slot, i) => {
        if (slot.size === 0) return;
        const batch: TopicMessages[] = [...slot].map(([topic, messages]) => ({ topic, messages }));
        const producer = o.producers[i] as BusProducer;
        const next = (chains[i] as Promise<unknown>).catch(() => undefined).then(() => producer.send(batch));
        chains[i] = next;
        sends.push(next);
      });
      await Promise.all(sends);
    },
    disconnect: async () => {
      await Promise.all(chains.map((c) => c.catch(() => undefined)));
      await Promise.all(o.producers.map((p) => p.disconnect()));
    },
  };
}
