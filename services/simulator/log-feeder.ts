/**
 * For the local demo: every interval, drops a freshly generated SSAI ad-tracking log (seed 003 layout)
 * and a CDN access log (a rotating format) into the tailer's inboxes, with event times around now.
 */
import { join } from 'node:path';
import { accessFileName, generateAccessLines, generateSsaiLines, ssaiFileName, writeLogFile } from '../tailer/generate/index.ts';
import { Rng } from '../runtime/seeded-rng.ts';
import type { Logger } from '../runtime/logger.ts';

const ACCESS_FORMATS = ['w3c', 'tsv', 'akamai', 'combined'] as const;

export interface LogFeederOptions {
  ssaiDir: string;
  accessDir: string;
  intervalMs: number;
  seed: number;
  adBreaksPerFile: number;
  accessRequestsPerFile: number;
  logger: Logger;
}

/** Writes one SSAI and one access file per round; returns a stop function. */
export function startLogFeeder(o: LogFeederOptions): () => Promise<void> {
  const rng = new Rng(o.seed);
  let round = 0;
  let running: Promise<void> = Promise.resolve();
  const feed = async () => {
    const now = Date.now();
    const seed = o.seed + round;
    const format = ACCESS_FORMATS[round % ACCESS_FORMATS.length] as (typeof ACCESS_FORMATS)[number];
    const ssaiPath = join(o.ssaiDir, ssaiFileName(rng, { atMs: now }));
    const accessPath = join(o.accessDir, accessFileName({ format, dateMs: now, seq: round % 100, prefix: `DEMO${String(round).padStart(4, '0')}-` }));
    await writeLogFile(ssaiPath, generateSsaiLines({ seed, breaks: o.adBreaksPerFile, startMs: now - o.intervalMs }), { mkdir: true });
    await writeLogFile(accessPath, generateAccessLines(format, { seed, requests: o.accessRequestsPerFile, startMs: now - o.intervalMs }), { mkdir: true });
    o.logger.info({ ssaiPath, accessPath }, 'log files written');
    round++;
  };
  const tick = () => {
    running = running.then(feed).catch((err: unknown) => o.logger.error({ err }, 'writing demo log files failed'));
  };
  tick();
  const timer = setInterval(tick, o.intervalMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
