/**
 * Faster Avro writing on the hot path (every collector request, every tailer line), with the
 * same bytes as avsc (test/unit/runtime/avsc-fast-write.test.ts):
 *  - short ASCII strings are written in one pass: avsc measures every string with
 *    Buffer.byteLength (a native call) before copying it char by char;
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

/** Strings under 64 chars that turn out to be ASCII: length byte, then the chars. Else avsc's path. */
export function writeStringFast(this: TapLike, s: string): void {
  const n = s.length;
  const buf = this.buf;
  const pos = this.pos;
  if (n < 64 && pos + 1 + n <= buf.length) {
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
  originalWriteString.call(this, s);
}

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
