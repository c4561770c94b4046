import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Rng, generateAccessLines, generateSsaiLines, ssaiFileName, writeLogFile } from '../../../services/tailer/generate/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'playpulse-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeLogFile', () => {
  it('writes plain lines, one per line, creating parent directories', async () => {
    const lines = [...generateAccessLines('combined', { seed: 5, requests: 200 })];
    const path = join(dir, 'a', 'b', 'access-20150830.log');
    const res = await writeLogFile(path, lines);
    expect(res.lines).toBe(200);
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(lines.join('\n') + '\n');
    expect(res.bytes).toBe(Buffer.byteLength(text));
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['access-20150830.log']); // no temp file left
  });

  it('gzips when the name ends in .gz (or when asked)', async () => {
    const lines = [...generateAccessLines('tsv', { seed: 6, requests: 300 })];
    const path = join(dir, 'MSLT20150830-00.tsv.gz');
    await writeLogFile(path, lines);
    const raw = readFileSync(path);
    expect(raw[0]).toBe(0x1f);
    expect(raw[1]).toBe(0x8b);
    expect(gunzipSync(raw).toString('utf8')).toBe(lines.join('\n') + '\n');
    const forced = join(dir, 'forced.tsv');
    await writeLogFile(forced, lines, { gzip: true });
    expect(gunzipSync(readFileSync(forced)).toString('utf8')).toBe(lines.join('\n') + '\n');
  });

  it('stops an endless generator at maxBytes (streaming, whole lines)', async () => {
    const path = join(dir, 'big.w3c');
    const res = await writeLogFile(path, generateAccessLines('w3c', { seed: 7, requests: Infinity }), { maxBytes: 2_000_000 });
    expect(res.bytes).toBeGreaterThanOrEqual(2_000_000);
    expect(res.bytes).toBeLessThan(2_000_000 + 70 * 1024);
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n').length - 1).toBe(res.lines);
  });

  it('writes an SSAI batch under its seed 003 path', async () => {
    const name = ssaiFileName(new Rng(1), { atMs: Date.UTC(2021, 6, 17, 0, 37, 9) });
    const res = await writeLogFile(join(dir, 'ssai', name), generateSsaiLines({ seed: 1, breaks: 20 }));
    expect(res.lines).toBeGreaterThan(20);
    expect(readFileSync(join(dir, 'ssai', name), 'utf8').split('\n')[0]?.startsWith('{')).toBe(true);
  });
});
