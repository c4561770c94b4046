/**
 * Per-file state shared by the access-log parsers: where lines come from, the
 * memoised IP hasher and listener keyer, and a one-entry cache for the date part of
 * timestamps (consecutive lines almost always share the day).
 */
import type { AccessFormat } from '../../../avro/generated/index.ts';
import { sharedIpHasher } from './ip-hasher.ts';
import type { IpHasher } from './ip-hasher.ts';
import { createListenerKeyer } from './listener-key.ts';
import type { ListenerKeyer } from './listener-key.ts';
import { parseHmsMs, parseYmdMs } from './date-time.ts';

export interface AccessParserOptions {
  /** Secret for the keyed IP hash (HMAC); never logged. */
  readonly ipHashKey: string;
  /** Identity of the file (not just its name), copied into each record's source. */
  readonly fileId: string;
  /** Path of the file. */
  readonly file: string;
  readonly tenant?: string | null;
  /** TSV without header row: column names to use instead of seed 004's default order. */
  readonly tsvColumns?: readonly string[];
}

export class AccessContext {
  readonly hasher: IpHasher;
  readonly keyer: ListenerKeyer;
  readonly tenant: string | null;
  private lastDate = '';
  private lastDateMs = NaN;

  constructor(
    readonly format: AccessFormat,
    readonly opts: AccessParserOptions,
  ) {
    this.hasher = sharedIpHasher(opts.ipHashKey);
    this.keyer = createListenerKeyer(this.hasher);
    this.tenant = opts.tenant ?? null;
  }

  /** `YYYY-MM-DD` + `HH:MM:SS[.fff]` (UTC) → ms, or NaN. */
  dateTimeMs(date: string, time: string): number {
    let day: number;
    if (date === this.lastDate) {
      day = this.lastDateMs;
    } else {
      day = date.length === 10 ? parseYmdMs(date) : NaN;
      this.lastDate = date;
      this.lastDateMs = day;
    }
    return day + parseHmsMs(time);
  }
}
