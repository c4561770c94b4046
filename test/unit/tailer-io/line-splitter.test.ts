import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LineSplitter } from '../../../services/tailer/follow/line-splitter.ts';
import { readLineBatches } from '../../../services/tailer/follow/read-lines.ts';

function split(chunks: Buffer[], flush = false): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const s = new LineSplitter();
  const sink = { line: (t: string, e: number) => out.push([t, e]) };
  for (const c of chunks) s.push(c, sink);
  if (flush) s.flush(sink);
  return out;
}

async function readAll(opts: Parameters<typeof readLineBatches>[0]): Promise<Array<[string, number]>> {
  const out: Array<[string, number]> = [];
  for await (const b of readLineBatches(opts)) b.texts.forEach((t, i) => out.push([t, b.ends[i] as number]));
  return out;
}

describe('line splitting', () => {
  it('splits lines across chunk boundaries with exact end offsets', () => {
    const text = Buffer.from('alpha\nbeta\ngamma\n');
    for (let cut = 1; cut < text.length; cut++) {
      expect(split([text.subarray(0, cut), text.subarray(cut)])).toEqual([['alpha', 6], ['beta', 11], ['gamma', 17]]);
    }
    expect(split([Buffer.from('a'), Buffer.from('b'), Buffer.from('c\nd')])).toEqual([['abc', 4]]);
  });

  it('drops the CR of CRLF (also when CR and LF fall in different chunks) but counts its byte', () => {
    expect(split([Buffer.from('one\r'), Buffer.from('\ntwo\r\n')])).toEqual([['one', 5], ['two', 10]]);
    expect(split([Buffer.from('a\rb\n')])).toEqual([['a\rb', 4]]);
  });

  it('decodes a UTF-8 character split between chunks whole', () => {
    const text = Buffer.from('größe=ü\n');
    const at = text.indexOf(0xc3) + 1;
    expect(split([text.subarray(0, at), text.subarray(at)])).toEqual([['größe=ü', text.length]]);
  });

  it('holds back an unterminated last line until flushed', () => {
    expect(split([Buffer.from('done\npartial')])).toEqual([['done', 5]]);
    expect(split([Buffer.from('done\npartial\r')], true)).toEqual([['done', 5], ['partial', 13]]);
  });

  it('reads a file from an offset up to an end, and a gzip file skipping decompressed bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tailer-io-'));
    try {
      const body = 'l1\r\nline2\nl3\nunterminated';
      writeFileSync(join(dir, 'a.log'), body);
      expect(await readAll({ path: join(dir, 'a.log'), gzip: false, startOffset: 0, includeTail: false, highWaterMark: 3 })).toEqual([['l1', 4], ['line2', 10], ['l3', 13]]);
      expect(await readAll({ path: join(dir, 'a.log'), gzip: false, startOffset: 4, endOffset: 13, includeTail: true })).toEqual([['line2', 10], ['l3', 13]]);
      expect(await readAll({ path: join(dir, 'a.log'), gzip: false, startOffset: 10, includeTail: true })).toEqual([['l3', 13], ['unterminated', 25]]);
      writeFileSync(join(dir, 'a.log.gz'), gzipSync(Buffer.from(body)));
      expect(await readAll({ path: join(dir, 'a.log.gz'), gzip: true, startOffset: 10, includeTail: false })).toEqual([['l3', 13], ['unterminated', 25]]);
      writeFileSync(join(dir, 'bad.gz'), gzipSync(Buffer.from(body)).subarray(0, 12));
      await expect(readAll({ path: join(dir, 'bad.gz'), gzip: true, startOffset: 0, includeTail: true })).rejects.toMatchObject({ code: expect.stringMatching(/^Z_/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
