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

/** An Encoder whose body sits in `room` after `roomBytes` bytes left free for the frame's header. */
export interface EncoderWithRoom {
  buf: Buffer;
  offset: number;
  room?: Buffer;
  roomBytes?: number;
}

interface RequestArgs {
  correlationId: number;
  clientId: string | null | undefined;
  request: { apiKey: number; apiVersion: number; encode: () => Promise<EncoderWithRoom> | EncoderWithRoom };
}

/** Room for the header that body writers leave (4 + 2 + 2 + 4 + 2 + a client id of up to 256 bytes). */
export const FRAME_HEADER_ROOM = 14 + 256;

/** An Encoder over `buf` as it is (kafkajs only reads `buf`, `offset`, `buffer` and `size()` of it). */
export function encoderOver(buf: Buffer, room?: { room: Buffer; roomBytes: number }): EncoderWithRoom {
  const e = new Encoder(0) as EncoderWithRoom;
  e.buf = buf;
  e.offset = buf.length;
  if (room) {
    e.room = room.room;
    e.roomBytes = room.roomBytes;
  }
  return e;
}

function writeHeader(buf: Buffer, at: number, size: number, a: RequestArgs, clientIdBytes: number): void {
  let w = buf.writeInt32BE(size, at);
  w = buf.writeInt16BE(a.request.apiKey, w);
  w = buf.writeInt16BE(a.request.apiVersion, w);
  w = buf.writeInt32BE(a.correlationId, w);
  if (a.clientId === null || a.clientId === undefined) buf.writeInt16BE(-1, w);
  else buf.write(a.clientId, buf.writeInt16BE(clientIdBytes, w), clientIdBytes, 'utf8');
}

export async function createRequestFrame(a: RequestArgs): Promise<EncoderWithRoom> {
  const body = await a.request.encode();
  const bodyBytes = body.offset;
  const clientIdBytes = a.clientId === null || a.clientId === undefined ? 0 : Buffer.byteLength(a.clientId, 'utf8');
  const header = 4 + 2 + 2 + 4 + 2 + clientIdBytes;
  const size = header - 4 + bodyBytes;
  if (body.room && body.roomBytes !== undefined && body.roomBytes >= header) {
    const start = body.roomBytes - header;
    writeHeader(body.room, start, size, a, clientIdBytes);
    return encoderOver(body.room.subarray(start, body.roomBytes + bodyBytes));
  }
  const buf = Buffer.allocUnsafe(header + bodyBytes);
  writeHeader(buf, 0, size, a, clientIdBytes);
  body.buf.copy(buf, header, 0, bodyBytes);
  return encoderOver(buf);
}
