import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { createFastRecord } from '../../../services/runtime/kafkajs-patches.ts';

const require = createRequire(import.meta.url);
// The original kafkajs Record, loaded fresh (the patched module may already be cached).
const path = require.resolve('kafkajs/src/protocol/recordBatch/record/v0/index.js');
const saved = require.cache[path];
delete require.cache[path];
const original = require(path) as (a: object) => { buffer: Buffer };
if (saved) require.cache[path] = saved;
const fast = createFastRecord(original) as (a: object) => { buffer: Buffer };

describe('fast kafkajs Record encoder', () => {
  const cases: Array<[string, object]> = [
    ['string key, buffer value', { offsetDelta: 0, timestampDelta: 0, key: 'app-session-1', value: Buffer.alloc(300, 7) }],
    ['null key', { offsetDelta: 5, timestampDelta: 12, key: null, value: Buffer.from('x') }],
    ['null value (tombstone)', { offsetDelta: 70000, timestampDelta: 1, key: 'k', value: null }],
    ['large deltas', { offsetDelta: 2 ** 31 - 1, timestampDelta: 2 ** 40 + 3, key: Buffer.from('😀 key'), value: Buffer.alloc(70_000, 1) }],
    ['negative timestamp delta', { offsetDelta: 1, timestampDelta: -1234567, key: 'k', value: 'text value' }],
    ['empty key and value', { offsetDelta: 0, timestampDelta: 0, key: '', value: Buffer.alloc(0) }],
  ];
  it.each(cases)('writes the same bytes as kafkajs: %s', (_name, args) => {
    expect(fast(args).buffer.equals(original(args).buffer)).toBe(true);
  });

  it('falls back to kafkajs for records with headers', () => {
    const args = { offsetDelta: 0, timestampDelta: 0, key: 'k', value: Buffer.from('v'), headers: { a: 'b' } };
    expect(fast(args).buffer.equals(original(args).buffer)).toBe(true);
  });
});
