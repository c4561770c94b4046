import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { murmur2, partitionForKey } from '../../../services/runtime/murmur2-partition.ts';

const require = createRequire(import.meta.url);
// The original kafkajs murmur2, loaded fresh (the patched module may already be cached).
const murmurPath = require.resolve('kafkajs/src/producer/partitioners/default/murmur2.js');
const murmurKeep = require.cache[murmurPath];
delete require.cache[murmurPath];
const kafkajsMurmur2 = require(murmurPath) as (key: Buffer) => number;
if (murmurKeep) require.cache[murmurPath] = murmurKeep;

describe('murmur2 partitioner', () => {
  it('matches the Java client (via kafkajs) for keys of every length mod 4', () => {
    const keys = ['', 'a', 'ab', 'abc', 'abcd', 'app-session-42', 'dev-😀', '21f5c7a0-9d6e-4f1a-8d3b-1c2e3f4a5b6c'];
    for (let i = 0; i < 500; i++) keys.push(`key-${i * 7919}`);
    for (const k of keys) expect(murmur2(Buffer.from(k)), k).toBe(kafkajsMurmur2(Buffer.from(k)));
  });

  it('spreads keys over all partitions and keeps a key on one', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(partitionForKey(`device-${i}`, 6));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(partitionForKey('same', 6)).toBe(partitionForKey(Buffer.from('same'), 6));
  });
});
