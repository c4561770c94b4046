import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { createRequestFrame, encoderOver, FRAME_HEADER_ROOM } from '../../../services/runtime/kafkajs-request-frame.ts';
import { createFastProduceRequest, type ProduceRequestArgs } from '../../../services/runtime/kafkajs-produce-request.ts';

const require = createRequire(import.meta.url);
/** kafkajs' own module, loaded fresh (the patched one may already be cached). */
function pristine<T>(specifier: string): T {
  const path = require.resolve(specifier);
  const saved = require.cache[path];
  delete require.cache[path];
  const m = require(path) as T;
  if (saved) require.cache[path] = saved;
  return m;
}
type Frame = (a: { correlationId: number; clientId: string | null | undefined; request: { apiKey: number; apiVersion: number; encode: () => Promise<unknown> } }) => Promise<{ buffer: Buffer; size(): number }>;
const originalFrame = pristine<Frame>('kafkajs/src/protocol/request.js');
const Encoder = require('kafkajs/src/protocol/encoder') as new () => { writeInt32(v: number): unknown; writeString(s: string): unknown; writeBytes(b: Buffer): unknown; buffer: Buffer };
const Long = require('kafkajs/src/utils/long') as { fromValue(v: unknown): unknown };
type ProduceFn = (a: ProduceRequestArgs) => { apiKey: number; apiVersion: number; encode: () => Promise<unknown> };
const originalProduce = pristine<ProduceFn>('kafkajs/src/protocol/requests/produce/v3/request.js');
const fastProduce = createFastProduceRequest(originalProduce as never) as unknown as ProduceFn;

function kafkajsBody(n: number) {
  const e = new Encoder();
  e.writeInt32(n);
  e.writeString('a topic name');
  e.writeBytes(Buffer.alloc(n, 7));
  return e;
}

const ours = (a: Parameters<Frame>[0]) => createRequestFrame(a as never) as unknown as ReturnType<Frame>;

describe('request framing', () => {
  const clientIds: Array<[string, string | null]> = [
    ['a short client id', 'tailer-0'],
    ['a non-ASCII client id', 'collecteur-é-😀'],
    ['no client id', null],
    ['a client id longer than the room', 'x'.repeat(FRAME_HEADER_ROOM + 10)],
  ];

  it.each(clientIds)('frames a kafkajs Encoder body as kafkajs does: %s', async (_n, clientId) => {
    for (const n of [0, 100, 5000]) {
      const request = { apiKey: 3, apiVersion: 6, encode: async () => kafkajsBody(n) };
      const want = await originalFrame({ correlationId: 4242, clientId, request });
      const got = await ours({ correlationId: 4242, clientId, request });
      expect(got.buffer.equals(want.buffer)).toBe(true);
      expect(got.size()).toBe(want.size());
    }
  });

  it.each(clientIds)('frames a Produce body written with room in front, with the same bytes: %s', async (_n, clientId) => {
    const args: ProduceRequestArgs = {
      acks: -1,
      timeout: 30_000,
      transactionalId: 'tailer-0-1',
      producerId: Long.fromValue(77),
      producerEpoch: 2,
      topicData: [{ topic: 'access.events.v1', partitions: [{ partition: 3, firstSequence: 5, messages: Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: Buffer.alloc(i * 50, i), timestamp: String(1_795_000_000_000 + i) })) }] }],
    };
    const want = await originalFrame({ correlationId: 9, clientId, request: originalProduce(args) });
    const got = await ours({ correlationId: 9, clientId, request: fastProduce(args) });
    expect(got.buffer.equals(want.buffer)).toBe(true);
  });

  it('writes the header into the room in front of the body instead of copying the body', async () => {
    const room = Buffer.alloc(FRAME_HEADER_ROOM + 3, 0xee);
    room.set([1, 2, 3], FRAME_HEADER_ROOM);
    const body = encoderOver(room.subarray(FRAME_HEADER_ROOM), { frame: room, headerRoom: FRAME_HEADER_ROOM });
    const framed = (await ours({ correlationId: 1, clientId: 'c', request: { apiKey: 0, apiVersion: 3, encode: async () => body } })) as unknown as { buf: Buffer };
    expect(framed.buf.buffer).toBe(room.buffer); // a view of the same memory
    expect([...framed.buf.subarray(-3)]).toEqual([1, 2, 3]);
    expect(framed.buf.readInt32BE(0)).toBe(framed.buf.length - 4);
  });
});
