import { describe, it, expect } from 'vitest';
import avro from 'avsc';
import { createFramedWriter } from '../../../services/runtime/avsc-fast-write.ts';

/** Avro's string encoding, computed independently: zig-zag varint of the UTF-8 length, then the bytes. */
function reference(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  const out: number[] = [];
  let z = bytes.length * 2;
  while (z >= 0x80) {
    out.push((z & 0x7f) | 0x80);
    z >>>= 7;
  }
  out.push(z);
  return Buffer.concat([Buffer.from(out), bytes]);
}

/** avsc's bytes for a short string ending in a lone high surrogate: the code unit itself (ED A0 BD), not U+FFFD. */
function loneSurrogate(s: string): Buffer {
  const body = Buffer.concat([Buffer.from(s.slice(0, -1), 'utf8'), Buffer.from([0xed, 0xa0, 0xbd])]);
  return Buffer.concat([Buffer.from([body.length * 2]), body]);
}

const strings = [
  '', 'a', 'x'.repeat(19), 'x'.repeat(20), 'x'.repeat(63), 'y'.repeat(64), 'z'.repeat(200), 'w'.repeat(8191), 'v'.repeat(8192), 'café', 'émoji 😀 here', '\u007f\u0080',
  'ascii then é at the end', `${'a'.repeat(30)}é`, `${'a'.repeat(62)}é`, `${'b'.repeat(100)}😀`, `${'c'.repeat(8190)}é`, '中文', '中'.repeat(25), '\ud83d', `${'d'.repeat(40)}\ud83d`, 'k'.repeat(20_000),
];

describe('avsc string writing', () => {
  const type = avro.Type.forSchema('string');
  it.each(strings.map((s) => [s.length > 30 ? `${s.slice(0, 20)}… (${s.length})` : JSON.stringify(s), s]))('encodes %s as Avro does', (_n, s) => {
    const want = s.endsWith('\ud83d') ? loneSurrogate(s) : reference(s);
    expect(type.toBuffer(s).equals(want)).toBe(true);
    expect(type.fromBuffer(type.toBuffer(s))).toBe(s.endsWith('\ud83d') ? type.fromBuffer(want) : s);
  });

  it('writes the same bytes through the framed writer, whose scratch leaves room for the native copy', () => {
    const header = Buffer.from([0, 0, 0, 0, 1]);
    const write = createFramedWriter(type, header);
    for (const s of strings) {
      const want = s.endsWith('\ud83d') ? loneSurrogate(s) : reference(s);
      expect(write(s).subarray(header.length).equals(want), `${s.slice(0, 20)}… (${s.length})`).toBe(true);
    }
  });
});

describe('framed writer', () => {
  const schema = {
    type: 'record',
    name: 'Row',
    fields: [
      { name: 'id', type: 'string' },
      { name: 'n', type: 'long' },
      { name: 'tags', type: { type: 'array', items: 'string' } },
      { name: 'note', type: ['null', 'string'], default: null },
    ],
  } as const;
  const type = avro.Type.forSchema(schema as unknown as avro.Schema);
  const header = Buffer.from([0, 0, 0, 0, 42]);
  const write = createFramedWriter(type, header);

  it('writes header + the same body as toBuffer, also past its scratch size', () => {
    const rows = [
      { id: 'abc', n: 1, tags: [], note: null },
      { id: 'é', n: -5_000_000_000, tags: ['x', 'ü', 'y'.repeat(100)], note: 'n' },
      { id: 'big', n: 7, tags: Array.from({ length: 5000 }, (_, i) => `tag-${i}-${'q'.repeat(i % 40)}`), note: '😀' },
      { id: 'after', n: 2, tags: ['t'], note: null },
    ];
    for (const r of rows) {
      const got = write(r);
      expect(got.equals(Buffer.concat([header, type.toBuffer(r)]))).toBe(true);
      expect(type.fromBuffer(got.subarray(5))).toEqual(r);
    }
    expect(write(rows[2]).length).toBeGreaterThan(64 * 1024);
  });

  it('returns independent buffers', () => {
    const a = write({ id: 'one', n: 1, tags: [], note: null });
    const b = write({ id: 'two', n: 2, tags: [], note: null });
    expect(type.fromBuffer(a.subarray(5))).toMatchObject({ id: 'one' });
    expect(type.fromBuffer(b.subarray(5))).toMatchObject({ id: 'two' });
  });

  it('throws on a value that does not fit the schema', () => {
    expect(() => write({ id: 'x', n: 1, tags: [], note: 5 })).toThrow();
  });
});
