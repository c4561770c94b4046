/**
 * Faster Avro writing on the hot path (every collector request, every tailer line), with the
 * same bytes as avsc (test/unit/runtime/avsc-fast-write.test.ts):
 *  - ASCII strings are written in one pass (a JavaScript copy when short, one native call when
 *    long): avsc measures every string with Buffer.byteLength (a native call) before copying it;
 *  - a record is written once, behind its 5-byte Confluent header, into a reused scratch buffer
 *    and copied out once (avsc's toBuffer plus Buffer.concat allocated and copied twice), by a
 *    writer compiled for its schema (avro-compiled-writer.ts).
 */
import { createRequire } from 'node:module';
import type avro from 'avsc';
import { compileWriter, type AvroTap } from './avro-compiled-writer.ts';

const require = createRequire(import.meta.url);
interface TapLike {
  buf: Buffer;
  pos: number;
  isValid(): boolean;
  writeString(s: string): void;
}
type TapCtor = new (buf: Buffer, pos?: number) => TapLike;
const { Tap } = require('avsc/lib/utils') as { Tap: TapCtor };

const originalWriteString = Tap.prototype.writeString;

/** Below this many chars a JavaScript copy beats the native utf8Write call (measured: 5–7 ns per char vs ~90 ns a call). */
const NATIVE_FROM_CHARS = 20;

/**
 * ASCII strings: the zig-zag varint of the length, then the chars, without measuring the string
 * first. Short ones are copied char by char; longer ones by one native utf8Write into room for the
 * worst case (3 bytes a char, so nothing is cut off), and kept only if every char took one byte.
 * Anything else (non-ASCII, no room, 8192 chars or more) takes avsc's own path, which rewrites from
 * the same position: the bytes are always avsc's.
 */
export function writeStringFast(this: TapLike, s: string): void {
  const n = s.length;
  const buf = this.buf;
  const pos = this.pos;
  if (n < NATIVE_FROM_CHARS) {
    if (pos + 1 + n <= buf.length) {
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[pos + 1 + i] = c;
      }
      if (i === n) {
        buf[pos] = n << 1; // zig-zag varint of n < 64: one byte
        this.pos = pos + 1 + n;
        return;
      }
    }
  } else if (n < 64) {
    if (pos + 1 + 3 * n <= buf.length && (buf as NativeWriteBuffer).utf8Write(s, pos + 1) === n) {
      buf[pos] = n << 1;
      this.pos = pos + 1 + n;
      return;
    }
  } else if (n < 8192) {
    if (pos + 2 + 3 * n <= buf.length && (buf as NativeWriteBuffer).utf8Write(s, pos + 2) === n) {
      const z = n << 1; // 128 ≤ z < 16384: two varint bytes
      buf[pos] = (z & 0x7f) | 0x80;
      buf[pos + 1] = z >>> 7;
      this.pos = pos + 2 + n;
      return;
    }
  }
  originalWriteString.call(this, s);
}

/** Node's Buffer has utf8Write (avsc relies on it too): a native UTF-8 copy returning the bytes written. */
type NativeWriteBuffer = Buffer & { utf8Write(s: string, offset: number): number };

Tap.prototype.writeString = writeStringFast;

/** Encodes `value` as header + Avro body in one buffer; throws like avsc's toBuffer on invalid values. */
export function createFramedWriter(type: avro.Type, header: Buffer): (value: unknown) => Buffer {
  let scratch = Buffer.allocUnsafe(64 * 1024);
  header.copy(scratch, 0);
  const write = compileWriter(type);
  return (value) => {
    for (;;) {
      const tap = new Tap(scratch, header.length);
      write(tap as unknown as AvroTap, value);
      if (tap.isValid()) {
        const out = Buffer.allocUnsafe(tap.pos);
        scratch.copy(out, 0, 0, tap.pos);
        return out;
      }
      scratch = Buffer.allocUnsafe(Math.max(scratch.length * 2, tap.pos + 1024));
      header.copy(scratch, 0);
    }
  };
}
