import { describe, it, expect, vi, afterEach } from 'vitest';
import { createRequire } from 'node:module';
import { createFastProduceRequest, type ProduceRequestArgs } from '../../../services/runtime/kafkajs-produce-request.ts';

const require = createRequire(import.meta.url);
// kafkajs' own Produce v3 request, loaded fresh (the patched module may already be cached).
const path = require.resolve('kafkajs/src/protocol/requests/produce/v3/request.js');
const saved = require.cache[path];
delete require.cache[path];
type Req = (a: ProduceRequestArgs) => { apiKey: number; apiVersion: number; encode: () => Promise<{ buffer: Buffer }> };
const original = require(path) as Req;
if (saved) require.cache[path] = saved;
const Long = require('kafkajs/src/utils/long') as { fromValue(v: unknown): unknown; fromInt(v: number): unknown };
const fast = createFastProduceRequest(original as never) as unknown as Req;

const bytes = async (r: Req, a: ProduceRequestArgs) => (await r(a).encode()).buffer;

function messages(n: number, seed: number) {
  return Array.from({ length: n }, (_, i) => {
    const k = (i * 7919 + seed) % 13;
    return {
      key: k === 0 ? null : k % 2 ? `key-${i}-😀` : Buffer.from(`bkey-${i}`),
      value: k === 1 ? null : k === 2 ? 'a string value é' : Buffer.alloc((i * 37 + seed) % 400, i & 0xff),
      ...(k === 3 ? { headers: { trace: 'abc', many: ['x', Buffer.from('y')] } } : {}),
      timestamp: String(1_795_000_000_000 + ((i * 104729 + seed) % 900_000)),
    };
  });
}

afterEach(() => vi.restoreAllMocks());

describe('single-pass Produce request encoder', () => {
  const base = { acks: -1, timeout: 30_000 };
  const cases: Array<[string, ProduceRequestArgs]> = [
    ['one partition, non-transactional', { ...base, producerId: Long.fromValue(4711), producerEpoch: 3, topicData: [{ topic: 'uav.events.v1', partitions: [{ partition: 0, firstSequence: 17, messages: messages(50, 1) }] }] }],
    ['transactional, several topics and partitions', { ...base, transactionalId: 'tailer-0-lane-0-a', producerId: Long.fromValue(2 ** 40 + 5), producerEpoch: 9, topicData: [{ topic: 'access.events.v1', partitions: [{ partition: 2, firstSequence: 0, messages: messages(300, 2) }, { partition: 5, firstSequence: 99, messages: messages(7, 3) }] }, { topic: 'tailer.checkpoints.v1', partitions: [{ partition: 0, firstSequence: 4, messages: messages(2, 4) }] }] }],
    ['no producer id (not idempotent)', { ...base, acks: 1, topicData: [{ topic: 't', partitions: [{ partition: 1, messages: messages(3, 5) }] }] }],
    ['a 100 kB value', { ...base, producerId: Long.fromInt(1), topicData: [{ topic: 't', partitions: [{ partition: 0, firstSequence: 0, messages: [{ key: 'k', value: Buffer.alloc(100_000, 3), timestamp: '1795000000000' }] }] }] }],
  ];
  it.each(cases)('writes the same bytes as kafkajs: %s', async (_name, args) => {
    const mine = await bytes(fast, args);
    expect(mine.length).toBeGreaterThan(20);
    expect(mine.equals(await bytes(original, args))).toBe(true);
  });

  it('stamps messages without a timestamp with the same clock as kafkajs', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_795_311_066_123);
    const args: ProduceRequestArgs = { ...base, producerId: Long.fromInt(7), topicData: [{ topic: 't', partitions: [{ partition: 0, firstSequence: 0, messages: [{ key: 'a', value: Buffer.from('1') }, { key: 'b', value: Buffer.from('2') }] }] }] };
    expect((await bytes(fast, args)).equals(await bytes(original, args))).toBe(true);
  });

  it('keeps the request metadata and leaves compressed sends to kafkajs', async () => {
    const args: ProduceRequestArgs = { ...base, compression: 1, producerId: Long.fromInt(7), topicData: [{ topic: 't', partitions: [{ partition: 0, messages: messages(5, 6) }] }] };
    const r = fast(args);
    expect(r.apiKey).toBe(original(args).apiKey);
    expect(r.apiVersion).toBe(3);
    const plain = { ...args, compression: 0 };
    expect((await bytes(fast, args)).equals(await bytes(fast, plain))).toBe(false); // gzip path differs from the plain one
  });
});
