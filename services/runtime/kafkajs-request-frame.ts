/**
 * kafkajs' request framing (protocol/request.js), installed by kafkajs-patches.ts: size, apiKey,
 * apiVersion, correlationId and clientId in front of the request body. kafkajs writes the body into
 * a fresh Encoder and that into another, each growing to the next power of two with Buffer.alloc:
 * a 4 MiB transaction of the tailer cost two zero-filled 8 MiB buffers and two 4 MiB copies. Here
 * the frame is one exact-size buffer with one copy of the body, or none when the body was written
 * with room for the header in front (kafkajs-produce-request.ts does). The bytes are kafkajs'
 * (test/unit/runtime/kafkajs-request-frame.test.ts).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Encoder = require('kafkajs/src/protocol/encoder') as new (size?: number) => { buf: Buffer; offset: number };

/** An Encoder holding a request body; with `frame`, the body sits in it after `headerRoom` free bytes. */
export interface EncoderWithRoom {
  buf: Buffer;
  offset: number;
  frame?: Buffer;
  headerRoom?: number;
}

interface RequestArgs {
  correlationId: number;
  clientId: string | null | undefined;
  request: { apiKey: number; apiVersion: number; encode: () => Promise<EncoderWithRoom> | EncoderWithRoom };
}

/** Room for the header that body writers leave (4 + 2 + 2 + 4 + 2 + a client id of up to 256 bytes). */
export const FRAME_HEADER_ROOM = 14 + 256;

/**
 * An Encoder over `body` as it is (kafkajs only reads `buf`, `offset`, `buffer` and `size()` of it);
 * `frame`: the buffer `body` ends, `headerRoom` bytes after its start.
 */
export function encoderOver(body: Buffer, frame?: { frame: Buffer; headerRoom: number }): EncoderWithRoom {
  const e = new Encoder(0) as EncoderWithRoom;
  e.buf = body;
  e.offset = body.length;
  if (frame) {
    e.frame = frame.frame;
    e.headerRoom = frame.headerRoom;
  }
  return e;
}

/** Kafka's STRING: int16 byte length (-1 for null), then UTF-8. */
export const stringSize = (s: string | null | undefined): number => 2 + (s === null || s === undefined ? 0 : Buffer.byteLength(s, 'utf8'));
export function writeString(buf: Buffer, o: number, s: string | null | undefined): number {
  if (s === null || s === undefined) return buf.writeInt16BE(-1, o);
  const len = Buffer.byteLength(s, 'utf8');
  o = buf.writeInt16BE(len, o);
  return o + buf.write(s, o, len, 'utf8');
}

function writeHeader(buf: Buffer, at: number, size: number, a: RequestArgs): void {
  let w = buf.writeInt32BE(size, at);
  w = buf.writeInt16BE(a.request.apiKey, w);
  w = buf.writeInt16BE(a.request.apiVersion, w);
  w = buf.writeInt32BE(a.correlationId, w);
  writeString(buf, w, a.clientId);
}

export async function createRequestFrame(a: RequestArgs): Promise<EncoderWithRoom> {
  const body = await a.request.encode();
  const bodyBytes = body.offset;
  const header = 4 + 2 + 2 + 4 + stringSize(a.clientId);
  const size = header - 4 + bodyBytes;
  if (body.frame && body.headerRoom !== undefined && body.headerRoom >= header) {
    const start = body.headerRoom - header;
    writeHeader(body.frame, start, size, a);
    return encoderOver(body.frame.subarray(start, body.headerRoom + bodyBytes));
  }
  const buf = Buffer.allocUnsafe(header + bodyBytes);
  writeHeader(buf, 0, size, a);
  body.buf.copy(buf, header, 0, bodyBytes);
  return encoderOver(buf);
}
