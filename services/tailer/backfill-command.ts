/**
 * `playpulse backfill --format F PATH...`: publishes the given files (or globs) once, exactly once
 * (same checkpoints and transactions as the tailer; files already processed are skipped), and
 * exits. Uses its own transactionalId (`<TAILER_INSTANCE_ID>-backfill`); do not backfill files a
 * running tailer is watching.
 */
import { parse, UsageError } from '../cli/args.ts';
import type { ExtraCommand } from '../cli/extra-command.ts';
import { loadConfig } from '../runtime/config.ts';
import { createLogger } from '../runtime/logger.ts';
import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import { tailerConfig } from './config.ts';
import { buildTailer } from './build.ts';
import { SOURCE_FORMATS, isSourceFormat, type SourceSpec } from './sources/source-spec.ts';

export const backfillCommand: ExtraCommand = {
  name: 'backfill',
  usage: `backfill --format ${SOURCE_FORMATS.join('|')} PATH...   publish log files (paths or globs) once, exactly once, then exit`,
  async run(argv, env, print) {
    const { values, positionals } = parse(argv, { format: { type: 'string' } });
    const format = String(values.format ?? '').toLowerCase();
    if (!isSourceFormat(format)) throw new UsageError(`backfill: --format must be one of ${SOURCE_FORMATS.join(', ')}`);
    if (positionals.length === 0) throw new UsageError('backfill: which files?');
    const sources: SourceSpec[] = positionals.map((p) => {
      let pattern = p;
      try {
        if (statSync(p).isDirectory()) pattern = `${resolve(p)}/**`;
      } catch {
        // a glob
      }
      return { name: `backfill:${format}:${pattern}`, format, pattern };
    });
    const config = loadConfig(tailerConfig, { ...env, TAILER_SETTLE_MS: '0', TAILER_INSTANCE_ID: `${env['TAILER_INSTANCE_ID'] || 'tailer-0'}-backfill` });
    const tailer = buildTailer(config, { logger: createLogger('backfill', config.LOG_LEVEL), sources, follow: false, opsServer: false });
    await tailer.start();
    try {
      await tailer.engine().runUntilIdle();
    } finally {
      await tailer.stop();
    }
    const text = await tailer.telemetry.telemetry.metrics();
    const sum = (outcome: string) => [...text.matchAll(new RegExp(`playpulse_tailer_processed_lines_total\\{[^}]*outcome="${outcome}"[^}]*\\} (\\d+)`, 'g'))].reduce((n, m) => n + Number(m[1]), 0);
    print(JSON.stringify({ published: sum('published'), skipped: sum('skipped'), rejected: sum('rejected'), late: sum('late') }));
    return 0;
  },
};
