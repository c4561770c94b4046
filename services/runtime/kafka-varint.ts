/** Kafka's varint / varlong (zig-zag) encodings, written into preallocated buffers. */
export const zigzag32 = (n: number): number => ((n << 1) ^ (n >> 31)) >>> 0;

export function sizeOfUVarInt(n: number): number {
  let v = n >>> 0;
  let bytes = 1;
  while (v >= 0x80) {
    v >>>= 7;
    bytes++;
  }
  return bytes;
}

export function writeUVarInt(buf: Buffer, o: number, n: number): number {
  let v = n >>> 0;
  while (v >= 0x80) {
    buf[o++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[o++] = v;
  return o;
}

/** Zig-zag varlong of a safe integer (|n| < 2^52) with plain arithmetic. */
export function zigzag64(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}
export function sizeOfUVarLong(z: number): number {
  let bytes = 1;
  while (z >= 0x80) {
    z = Math.floor(z / 0x80);
    bytes++;
  }
  return bytes;
}
export function writeUVarLong(buf: Buffer, o: number, z: number): number {
  while (z >= 0x80) {
    buf[o++] = (z % 0x80) | 0x80;
    z = Math.floor(z / 0x80);
  }
  buf[o++] = z;
  return o;
}
