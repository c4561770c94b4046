/** Both CRC-32C implementations give kafkajs' checksums; the hardware one is what runs on CI's platform. */
import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { crc32c, crc32cJs, crc32cNative } from '../../../services/runtime/crc32c.ts';

const require = createRequire(import.meta.url);

function kafkajsReference(): (b: Buffer) => number {
  const p = require.resolve('kafkajs/src/protocol/recordBatch/crc32C/crc32C.js');
  const keep = require.cache[p];
  delete require.cache[p];
  const reference = require(p) as (b: Buffer) => number;
  if (keep) require.cache[p] = keep;
  return reference;
}

describe('crc32c', () => {
  const reference = kafkajsReference();
  const implementations = { js: crc32cJs, native: crc32cNative };

  it('loads the hardware implementation on linux x64 and uses it', () => {
    if (process.platform === 'linux' && process.arch === 'x64') {
      expect(crc32cNative).not.toBeNull();
      expect(crc32c).toBe(crc32cNative);
    } else {
      expect(crc32c).toBe(crc32cNative ?? crc32cJs);
    }
  });

  for (const [name, crc] of Object.entries(implementations)) {
    it(`${name}: equals kafkajs on every length mod 8, on random buffers and on sub-buffers`, () => {
      if (crc === null) throw new Error(`${name} implementation did not load`);
      for (let len = 0; len < 70; len++) {
        const b = Buffer.alloc(len);
        for (let i = 0; i < len; i++) b[i] = (i * 131 + len * 7) & 0xff;
        expect(crc(b), `length ${len}`).toBe(reference(b));
      }
      for (const len of [1, 100, 4096, 65_537, 1 << 20]) {
        const b = randomBytes(len);
        expect(crc(b), `random ${len}`).toBe(reference(b));
        const sub = b.subarray(3, len - 1);
        expect(crc(sub), `sub-buffer of ${len}`).toBe(reference(sub));
      }
      expect(crc(Buffer.from('123456789'))).toBe(0xe3069283); // the standard CRC-32C check value
      expect(crc(new Uint8Array([1, 2, 3]))).toBe(reference(Buffer.from([1, 2, 3])));
    });
  }
});
