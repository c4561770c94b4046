/** The demo log feeder writes SSAI and access logs the tailer's parsers read without a single reject, timed around now. */
import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startLogFeeder } from '../../services/simulator/log-feeder.ts';
import { createSsaiParser, createAccessParser, detectAccessFormat } from '../../services/tailer/parse/index.ts';
import { silentLogger } from '../../services/runtime/logger.ts';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile() && !basename(f).startsWith('.'));
}

describe('demo log feeder', () => {
  it('drops parseable SSAI and access logs with event times around now', async () => {
    const root = mkdtempSync(join(tmpdir(), 'playpulse-feeder-'));
    const t0 = Date.now();
    const stop = startLogFeeder({ ssaiDir: join(root, 'ssai'), accessDir: join(root, 'access'), intervalMs: 60_000, seed: 3, adBreaksPerFile: 10, accessRequestsPerFile: 100, logger: silentLogger() });
    try {
      for (let i = 0; i < 100 && filesUnder(join(root, 'access')).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      await stop();
      const [ssaiFile] = filesUnder(join(root, 'ssai'));
      const [accessFile] = filesUnder(join(root, 'access'));
      expect(ssaiFile).toMatch(/\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/[A-Za-z0-9]{11}\/prod-ssai-ad-tracking-/);
      const ssai = createSsaiParser({ fileId: 'f', file: 'f' });
      const ssaiResults = readFileSync(ssaiFile as string, 'utf8').split('\n').filter(Boolean).map((l, i) => ssai.parseLine(l, i + 1));
      expect(ssaiResults.filter((r) => r.kind === 'reject')).toEqual([]);
      const times = ssaiResults.flatMap((r) => (r.kind === 'record' ? [r.value.timestampMs] : []));
      expect(Math.min(...times)).toBeGreaterThanOrEqual(t0 - 60_000 - 1000);
      const lines = readFileSync(accessFile as string, 'utf8').split('\n').filter(Boolean);
      const format = detectAccessFormat(lines.slice(0, 20), accessFile as string);
      expect(format).not.toBeNull();
      const access = createAccessParser(format!, { fileId: 'f', file: 'f', ipHashKey: 'k' });
      const results = lines.map((l, i) => access.parseLine(l, i + 1));
      expect(results.filter((r) => r.kind === 'reject')).toEqual([]);
      expect(results.filter((r) => r.kind === 'record').length).toBeGreaterThan(50);
    } finally {
      await stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
