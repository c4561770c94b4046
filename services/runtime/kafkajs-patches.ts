/**
 * Performance patches to kafkajs 2.2.4 internals, installed before kafkajs is first loaded
 * (import this module before 'kafkajs'). Behaviour is unchanged:
 *  - groupMessagesPerPartition copies the partition's array for every message (O(n²) per batch);
 *    replaced by a linear grouping with the same result.
 *  - The Produce request (v3–v7) is written in one pass into exact-size buffers instead of per-record
 *    objects, Encoders and copies (kafkajs-produce-request.ts; byte-equality tested). Compressed
 *    sends (not used by Playpulse) keep kafkajs' own path.
 *  - Request framing writes one exact-size buffer, with no copy of a Produce body (which leaves room
 *    for the header), instead of two zero-filled power-of-two buffers and two copies
 *    (kafkajs-request-frame.ts).
 *  - CRC-32C of each record batch and murmur2 of each key: byte-at-a-time and Long-based in kafkajs;
 *    replaced by the CPU's CRC instruction (JavaScript slicing-by-8 where it is not available,
 *    crc32c.ts) and a Math.imul murmur2, with the same results (tested).
 *  - Correctness: kafkajs' read_committed filter assumes the broker lists aborted transactions by
 *    first offset and marks at most one per record. Brokers list them in abort-marker order, so with
 *    interleaved transactions (e.g. two producers fenced after a crash) a producer can be marked
 *    aborted after its abort marker has passed, and its later COMMITTED records are dropped (a gap).
 *    Replaced by the Java client's rule: sort by first offset, mark every transaction that has
 *    started, unmark on the producer's abort marker.
 */
import { createRequire } from 'node:module';
import { crc32c } from './crc32c.ts';
import { murmur2 } from './murmur2-partition.ts';
import { createFastProduceRequest } from './kafkajs-produce-request.ts';
import { createRequestFrame } from './kafkajs-request-frame.ts';

type Partitioner = (args: { topic: string; partitionMetadata: unknown[]; message: unknown }) => number;

const require = createRequire(import.meta.url);

function groupMessagesPerPartition({ topic, partitionMetadata, messages, partitioner }: { topic: string; partitionMetadata: unknown[]; messages: unknown[]; partitioner: Partitioner }): Record<number, unknown[]> {
  const result: Record<number, unknown[]> = {};
  if (partitionMetadata.length === 0) return result;
  for (const message of messages) {
    const partition = partitioner({ topic, partitionMetadata, message });
    (result[partition] ??= []).push(message);
  }
  return result;
}

interface FetchedMessage {
  offset: string;
  key?: Buffer | null;
  batchContext: { producerId: string; inTransaction: boolean };
}
interface AbortedTransaction {
  firstOffset: string;
  producerId: string;
}

const ABORT_MARKER_KEY = Buffer.from([0, 0, 0, 0]);

export function filterAbortedMessages({ messages, abortedTransactions }: { messages: FetchedMessage[]; abortedTransactions?: AbortedTransaction[] }): FetchedMessage[] {
  if (!abortedTransactions || abortedTransactions.length === 0) return messages;
  const pending = [...abortedTransactions].sort((a, b) => (BigInt(a.firstOffset) < BigInt(b.firstOffset) ? -1 : BigInt(a.firstOffset) > BigInt(b.firstOffset) ? 1 : 0));
  const aborted = new Set<string>();
  return messages.filter((m) => {
    const offset = BigInt(m.offset);
    while (pending.length > 0 && offset >= BigInt((pending[0] as AbortedTransaction).firstOffset)) aborted.add(String((pending.shift() as AbortedTransaction).producerId));
    const producerId = String(m.batchContext.producerId);
    if (m.key && Buffer.from(m.key).equals(ABORT_MARKER_KEY)) {
      aborted.delete(producerId);
      return true; // control record: kafkajs drops it afterwards
    }
    return !(m.batchContext.inTransaction && aborted.has(producerId));
  });
}

/**
 * kafkajs' modules take their collaborators when first loaded, so patches installed after that
 * silently do nothing (the producer keeps the O(n²) grouping, a consumer keeps the unsafe
 * read_committed filter). Refuse loudly instead.
 */
export function assertKafkajsNotLoaded(cache: NodeJS.Dict<NodeModule> = require.cache): void {
  // Node's ESM loader lists a CommonJS module in the cache when it links it, before running it: only `loaded` counts.
  if (cache[require.resolve('kafkajs')]?.loaded) {
    throw new Error('kafkajs was loaded before services/runtime/kafkajs-patches.ts; its patches (producer grouping, CRC, murmur2, read_committed filter) would not apply. Import kafkajs-patches.ts (or kafkajs-bus.ts) before anything that imports kafkajs.');
  }
}

function replaceModule(specifier: string, make: (original: never) => unknown): void {
  const path = require.resolve(specifier);
  const original = require(path) as never;
  const cached = require.cache[path];
  if (cached) cached.exports = make(original);
}

assertKafkajsNotLoaded();
replaceModule('kafkajs/src/producer/groupMessagesPerPartition.js', () => groupMessagesPerPartition);
replaceModule('kafkajs/src/protocol/recordBatch/crc32C/crc32C.js', () => crc32c);
replaceModule('kafkajs/src/protocol/requests/produce/v3/request.js', (original: Parameters<typeof createFastProduceRequest>[0]) => createFastProduceRequest(original));
replaceModule('kafkajs/src/protocol/request.js', () => createRequestFrame);
replaceModule('kafkajs/src/consumer/filterAbortedMessages.js', () => filterAbortedMessages);
replaceModule('kafkajs/src/producer/partitioners/default/murmur2.js', () => (key: unknown) => murmur2(Buffer.isBuffer(key) ? key : Buffer.from(String(key))));

export const kafkajsPatched = true;
