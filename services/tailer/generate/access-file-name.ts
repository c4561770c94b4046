/**
 * Access-log file names as seed 004 recommends: a unique name with the date in it and
 * a sequence suffix, e.g. MSLT20150830-00.tsv.gz.
 */
import type { AccessFormat } from '../../../avro/generated/index.ts';

const EXTENSIONS: Record<AccessFormat, string> = { w3c: 'w3c', tsv: 'tsv', akamai: 'akamai', combined: 'log' };

export interface AccessFileNameOptions {
  readonly format: AccessFormat;
  /** Any time on the file's day (ms, UTC). */
  readonly dateMs: number;
  /** Sequence suffix (hour, file number of the day, …). Default 0. */
  readonly seq?: number;
  /** Default MSLT. */
  readonly prefix?: string;
  readonly gzip?: boolean;
}

export function accessFileName(opts: AccessFileNameOptions): string {
  const d = new Date(opts.dateMs).toISOString();
  const date = d.slice(0, 4) + d.slice(5, 7) + d.slice(8, 10);
  const seq = String(opts.seq ?? 0).padStart(2, '0');
  return `${opts.prefix ?? 'MSLT'}${date}-${seq}.${EXTENSIONS[opts.format]}${opts.gzip ? '.gz' : ''}`;
}
