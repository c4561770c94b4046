/**
 * SSAI log object names as seed 003 lays them out:
 *   yyyy/MM/dd/HH/<random-string>/<stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<uuid>
 * e.g. 2021/07/17/00/00HwB2cbPB2/prod-ssai-ad-tracking-4040098940001-1-2021-07-17-00-37-09-caeb9e2e-8b54-42f6-b4f7-cbddfc5090e6
 */
import type { Rng } from '../../runtime/seeded-rng.ts';

export interface SsaiFileNameOptions {
  /** Batch time (ms, UTC). */
  readonly atMs: number;
  /** Delivery stream name. Default prod-ssai-ad-tracking-<accountId>. */
  readonly stream?: string;
  readonly accountId?: string;
  /** Delivery stream version. Default 1. */
  readonly version?: number;
  /** Append `.gz`. */
  readonly gzip?: boolean;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function ssaiFileName(rng: Rng, opts: SsaiFileNameOptions): string {
  const d = new Date(opts.atMs);
  const y = String(d.getUTCFullYear());
  const mo = pad(d.getUTCMonth() + 1);
  const da = pad(d.getUTCDate());
  const h = pad(d.getUTCHours());
  const stream = opts.stream ?? `prod-ssai-ad-tracking-${opts.accountId ?? '4040098940001'}`;
  const name = `${stream}-${opts.version ?? 1}-${y}-${mo}-${da}-${h}-${pad(d.getUTCMinutes())}-${pad(d.getUTCSeconds())}-${rng.uuid()}`;
  return `${y}/${mo}/${da}/${h}/${rng.alnum(11)}/${name}${opts.gzip ? '.gz' : ''}`;
}
