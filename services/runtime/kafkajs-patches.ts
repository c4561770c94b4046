/**
 * Performance patches to kafkajs 2.2.4 internals, installed before kafkajs is first loaded
 * (import this module before 'kafkajs'). Behaviour is unchanged:
 *  - groupMessagesPerPartition copies the partition's array for every message (O(n²) per batch);
 *    replaced by a linear grouping with the same result.
 */
import { createRequire } from 'node:module';

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

const path = require.resolve('kafkajs/src/producer/groupMessagesPerPartition.js');
if (require.cache[path] === undefined) {
  require(path);
}
const cached = require.cache[path];
if (cached) cached.exports = groupMessagesPerPartition;

export const kafkajsPatched = true;
