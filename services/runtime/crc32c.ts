/**
 * CRC-32C (Castagnoli): the checksum over every Kafka record batch produced and fetched. Computed by
 * the CPU's CRC instruction through @node-rs/crc32 (a prebuilt native module from the npm registry,
 * one optional package per platform) where its binary loads: 4.3–5 GB/s against 630 MB/s for the
 * slicing-by-8 JavaScript below, which is the fallback everywhere else. On SSAI lines the JavaScript
 * CRC was 8.6 % of the tailer's CPU.
 */
import { createRequire } from 'node:module';
const POLY = 0x82f63b78;
const T = new Int32Array(8 * 256);
for (let i = 0; i < 256; i++) {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
  T[i] = c;
}
for (let i = 0; i < 256; i++) {
  for (let t = 1; t < 8; t++) {
    const prev = T[(t - 1) * 256 + i] as number;
    T[t * 256 + i] = (prev >>> 8) ^ (T[prev & 0xff] as number);
  }
}

/** The JavaScript CRC-32C (slicing-by-8). */
export function crc32cJs(buf: Uint8Array): number {
  let c = ~0;
  let i = 0;
  const n = buf.length;
  const end8 = n - (n % 8);
  while (i < end8) {
    c ^= (buf[i] as number) | ((buf[i + 1] as number) << 8) | ((buf[i + 2] as number) << 16) | ((buf[i + 3] as number) << 24);
    c =
      (T[1792 + (c & 0xff)] as number) ^
      (T[1536 + ((c >>> 8) & 0xff)] as number) ^
      (T[1280 + ((c >>> 16) & 0xff)] as number) ^
      (T[1024 + (c >>> 24)] as number) ^
      (T[768 + (buf[i + 4] as number)] as number) ^
      (T[512 + (buf[i + 5] as number)] as number) ^
      (T[256 + (buf[i + 6] as number)] as number) ^
      (T[buf[i + 7] as number] as number);
    i += 8;
  }
  while (i < n) c = (T[(c ^ (buf[i++] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

type NativeCrc32c = (input: Buffer, initialState?: number) => number;

function loadNative(): ((buf: Uint8Array) => number) | null {
  try {
    const native = (createRequire(import.meta.url)('@node-rs/crc32') as { crc32c: NativeCrc32c }).crc32c;
    const check = (buf: Uint8Array) => native(Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.length)) >>> 0;
    // Trust it only if it gives the standard check value.
    return check(Buffer.from('123456789')) === 0xe3069283 ? check : null;
  } catch {
    return null;
  }
}

/** The hardware CRC-32C, or null where its native module does not load on this platform. */
export const crc32cNative = loadNative();

/** CRC-32C of `buf`, unsigned: native where it loads, else JavaScript. */
export const crc32c: (buf: Uint8Array) => number = crc32cNative ?? crc32cJs;
