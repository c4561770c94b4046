/**
 * A single-pass encoder for kafkajs' Produce request (v3, which v4–v7 reuse), installed by
 * kafkajs-patches.ts. kafkajs builds each record through an object spread, its own buffer and an
 * Encoder, then copies the records into a growing batch buffer and the batch into the request;
 * most of a producer's CPU went there. Here the sizes are computed first and each partition's
 * record batch (magic 2) is written into one exact-size buffer. The bytes are identical to
 * kafkajs' (test/unit/runtime/kafkajs-produce-request.test.ts); compressed sends keep the original.
 */
import { createRequire } from 'node:module';
import { crc32c } from './crc32c.ts';
import { encoderOver, FRAME_HEADER_ROOM, stringSize, writeString } from './kafkajs-request-frame.ts';
import { sizeOfUVarInt, sizeOfUVarLong, writeUVarInt, writeUVarLong, zigzag32, zigzag64 } from './kafka-varint.ts';

const require = createRequire(import.meta.url);
type LongLike = { getHighBits(): number; getLowBits(): number };
const Long = require('kafkajs/src/utils/long') as { fromValue(v: unknown): LongLike; fromInt(v: number): LongLike };

type Bytes = Buffer | string | null | undefined;
interface ProduceMessage {
  key?: Bytes;
  value?: Bytes;
  headers?: Record<string, Bytes | Bytes[]>;
  timestamp?: string | number | null;
}
interface PartitionData {
  partition: number;
  firstSequence?: number;
  messages: ProduceMessage[];
}
interface TopicData {
  topic: string;
  partitions: PartitionData[];
}
export interface ProduceRequestArgs {
  acks: number;
  timeout: number;
  transactionalId?: string | null;
  producerId?: unknown;
  producerEpoch?: number;
  compression?: number;
  topicData: TopicData[];
}
type ProduceRequest = { apiKey: number; apiVersion: number; apiName: string; expectResponse: () => boolean; encode: () => Promise<unknown> };
type ProduceRequestFn = (args: ProduceRequestArgs) => ProduceRequest;

const toBytes = (v: Bytes): Buffer | null => (v === null || v === undefined ? null : Buffer.isBuffer(v) ? v : Buffer.from(String(v), 'utf8'));

const bytesField = (b: Buffer | null): number => (b === null ? 1 : sizeOfUVarInt(zigzag32(b.length)) + b.length);
function writeBytesField(buf: Buffer, o: number, b: Buffer | null): number {
  if (b === null) return writeUVarInt(buf, o, zigzag32(-1));
  o = writeUVarInt(buf, o, zigzag32(b.length));
  return o + b.copy(buf, o);
}

function headerList(headers: ProduceMessage['headers']): Array<[Buffer, Buffer | null]> {
  const out: Array<[Buffer, Buffer | null]> = [];
  if (!headers) return out;
  for (const k of Object.keys(headers)) {
    const v = headers[k];
    const key = Buffer.from(k, 'utf8');
    if (Array.isArray(v)) for (const x of v) out.push([key, toBytes(x)]);
    else out.push([key, toBytes(v)]);
  }
  return out;
}

const BATCH_HEADER = 8 + 4 + 4 + 1 + 4; // baseOffset, batchLength, partitionLeaderEpoch, magic, crc
const BATCH_BODY_HEADER = 2 + 4 + 8 + 8 + 8 + 2 + 4 + 4; // attributes … baseSequence, record count

function writeInt64(buf: Buffer, o: number, v: unknown): number {
  const l = Long.fromValue(v);
  buf.writeInt32BE(l.getHighBits(), o);
  buf.writeInt32BE(l.getLowBits(), o + 4);
  return o + 8;
}

/** One partition's record batch: baseOffset … records, as kafkajs' RecordBatch writes it. */
export function encodeRecordBatch(p: PartitionData, o: { producerId: unknown; producerEpoch: number; transactional: boolean; now: number }): Buffer {
  const msgs = p.messages;
  const n = msgs.length;
  let first = Infinity;
  let max = -Infinity;
  for (const m of msgs) {
    if (m.timestamp === null || m.timestamp === undefined) continue;
    const t = Number(m.timestamp);
    if (t < first) first = t;
    if (t > max) max = t;
  }
  if (first === Infinity) first = max = o.now;
  const keys: Array<Buffer | null> = new Array(n);
  const values: Array<Buffer | null> = new Array(n);
  const headers: Array<Array<[Buffer, Buffer | null]>> = new Array(n);
  const tsz: number[] = new Array(n);
  const bodies: number[] = new Array(n);
  let recordsSize = 0;
  for (let i = 0; i < n; i++) {
    const m = msgs[i] as ProduceMessage;
    const key = toBytes(m.key);
    const value = toBytes(m.value);
    const hs = headerList(m.headers);
    const ts = zigzag64((m.timestamp === null || m.timestamp === undefined || m.timestamp === '' || m.timestamp === 0 ? o.now : Number(m.timestamp)) - first);
    let body = 1 + sizeOfUVarLong(ts) + sizeOfUVarInt(zigzag32(i)) + bytesField(key) + bytesField(value) + sizeOfUVarInt(zigzag32(hs.length));
    for (const [hk, hv] of hs) body += bytesField(hk) + bytesField(hv);
    keys[i] = key;
    values[i] = value;
    headers[i] = hs;
    tsz[i] = ts;
    bodies[i] = body;
    recordsSize += sizeOfUVarInt(zigzag32(body)) + body;
  }
  const total = BATCH_HEADER + BATCH_BODY_HEADER + recordsSize;
  const buf = Buffer.allocUnsafe(total);
  let w = 0;
  w = buf.writeInt32BE(0, w); // baseOffset (int64 0)
  w = buf.writeInt32BE(0, w);
  w = buf.writeInt32BE(total - 12, w); // batchLength
  w = buf.writeInt32BE(0, w); // partitionLeaderEpoch
  w = buf.writeInt8(2, w); // magic
  const crcAt = w;
  w += 4;
  const bodyStart = w;
  w = buf.writeInt16BE(o.transactional ? 16 : 0, w); // attributes: no compression, create time
  w = buf.writeInt32BE(n - 1, w); // lastOffsetDelta
  w = writeInt64(buf, w, first);
  w = writeInt64(buf, w, max);
  w = writeInt64(buf, w, o.producerId);
  w = buf.writeInt16BE(o.producerEpoch, w);
  w = buf.writeInt32BE(p.firstSequence ?? 0, w);
  w = buf.writeInt32BE(n, w);
  for (let i = 0; i < n; i++) {
    w = writeUVarInt(buf, w, zigzag32(bodies[i] as number));
    buf[w++] = 0; // record attributes
    w = writeUVarLong(buf, w, tsz[i] as number);
    w = writeUVarInt(buf, w, zigzag32(i));
    w = writeBytesField(buf, w, keys[i] as Buffer | null);
    w = writeBytesField(buf, w, values[i] as Buffer | null);
    const hs = headers[i] as Array<[Buffer, Buffer | null]>;
    w = writeUVarInt(buf, w, zigzag32(hs.length));
    for (const [hk, hv] of hs) {
      w = writeBytesField(buf, w, hk);
      w = writeBytesField(buf, w, hv);
    }
  }
  buf.writeUInt32BE(crc32c(buf.subarray(bodyStart, w)), crcAt);
  return buf;
}

/**
 * The request body kafkajs' v3 encode() produces, written into one buffer after `headerRoom` free
 * bytes (for the request frame's header, kafkajs-request-frame.ts); returns that whole buffer.
 */
export function encodeProduceRequest(a: ProduceRequestArgs, now: number, headerRoom = 0): Buffer {
  const producerId = a.producerId ?? Long.fromInt(-1);
  const producerEpoch = a.producerEpoch ?? 0;
  const transactional = !!a.transactionalId;
  const topics = a.topicData.map((t) => ({ name: t.topic, batches: t.partitions.map((p) => ({ partition: p.partition, batch: encodeRecordBatch(p, { producerId, producerEpoch, transactional, now }) })) }));
  let size = stringSize(a.transactionalId) + 2 + 4 + 4;
  for (const t of topics) {
    size += stringSize(t.name) + 4;
    for (const b of t.batches) size += 4 + 4 + b.batch.length;
  }
  const buf = Buffer.allocUnsafe(headerRoom + size);
  let w = writeString(buf, headerRoom, a.transactionalId ?? null);
  w = buf.writeInt16BE(a.acks, w);
  w = buf.writeInt32BE(a.timeout, w);
  w = buf.writeInt32BE(topics.length, w);
  for (const t of topics) {
    w = writeString(buf, w, t.name);
    w = buf.writeInt32BE(t.batches.length, w);
    for (const b of t.batches) {
      w = buf.writeInt32BE(b.partition, w);
      w = buf.writeInt32BE(b.batch.length, w);
      w += b.batch.copy(buf, w);
    }
  }
  return buf;
}

export function createFastProduceRequest(original: ProduceRequestFn): ProduceRequestFn {
  return (args) => {
    const req = original(args);
    if ((args.compression ?? 0) !== 0) return req;
    return {
      ...req,
      encode: async () => {
        const frame = encodeProduceRequest(args, Date.now(), FRAME_HEADER_ROOM);
        return encoderOver(frame.subarray(FRAME_HEADER_ROOM), { frame, headerRoom: FRAME_HEADER_ROOM });
      },
    };
  };
}
