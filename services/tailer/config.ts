/** The tailer's settings (SPEC §8), validated at start-up. */
import { z } from 'zod';
import { bool, commonConfig, int, port, str, optionalStr, SPARE_CORE_WORKERS, type Config } from '../runtime/config.ts';
import { parseSourceSpecs } from './sources/source-spec.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Only for the local demo: a real deployment sets its own secret. */
export const DEFAULT_IP_HASH_KEY = 'playpulse-local-demo-ip-hash-key';

const sources = (def: string) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? def : v),
    z.string().transform((v, ctx) => {
      try {
        return parseSourceSpecs(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  );

export const tailerConfig = {
  ...commonConfig,
  /**
   * V8's own heap growth by default (0), unlike the collector's 100: capping the heap's growth made
   * the tailer collect more often and cost 13–21 % more CPU per line (bench:tailer, alternating runs:
   * SSAI 11.6–11.8 vs 14.8–15.0 µs per line), for ~55 MB less peak RSS (~283 vs ~229 MB, either way
   * the same for a 32 MB and a 256 MB file).
   */
  HEAP_GROWING_PERCENT: int(0, 0, 1000),
  TAILER_PORT: port(9101),
  /** Format-tagged paths or globs: `ssai:data/inbox/ssai/**,access:data/inbox/access/**`. */
  TAILER_SOURCES: sources('ssai:data/inbox/ssai/**,access:data/inbox/access/**'),
  /** Transactional id base: a restarted instance with the same id fences its predecessor. */
  TAILER_INSTANCE_ID: str('tailer-0'),
  TAILER_POLL_INTERVAL_MS: int(1000, 10),
  /** Lines per Kafka transaction (records + the checkpoint that covers them). */
  TAILER_BATCH_LINES: int(5000, 1, 100_000),
  /**
   * Encoded bytes (Avro values + keys) per Kafka transaction. Records are sent uncompressed and one
   * partition may get them all, so this stays under the topics' max.message.bytes (8 MiB in
   * topics/catalog.ts; 1 MiB is Kafka's default for topics created otherwise).
   */
  TAILER_BATCH_BYTES: int(4 * 1024 * 1024, 1024, 64 * 1024 * 1024),
  /** Files processed at once, each lane with its own transactional producer. */
  TAILER_LANES: int(2, 1, 16),
  /**
   * Worker threads that parse and Avro-encode lines (0: on the file job's thread). With one, the job's
   * thread reads, builds transactions and talks to Kafka while the worker parses the next lines, and
   * parses a batch itself while the worker holds two (shared-line-parser.ts); each worker adds about
   * 30 MB of memory. More than TAILER_LANES cannot help: a file is parsed by one worker. Default: one
   * where the machine has a second core, none on a single core. bench:tailer on 2 cores (warm tailers,
   * two sittings): W3C 117k vs 77–97k lines/s, SSAI 79–87k vs 64–67k; it costs 1–3 µs more CPU per line
   * (the lines cross to the worker and back) and about 40–80 MB more peak RSS.
   */
  TAILER_PARSE_WORKERS: int(SPARE_CORE_WORKERS, 0, 16),
  /** A gzip file (or a plain file's unterminated last line) is read once its size has not changed for this long. */
  TAILER_SETTLE_MS: int(2000, 0),
  /** Records whose event time is more than this before the source's event-time watermark are dead-lettered as late. */
  TAILER_LATE_CUTOFF_MS: int(3 * DAY_MS, 0),
  TAILER_CLEANUP_ENABLED: bool(false),
  TAILER_RETENTION_DAYS: int(60, 1),
  /** Secret for the keyed IP hash (access logs, SSAI forwarded-for headers). */
  TAILER_IP_HASH_KEY: str(DEFAULT_IP_HASH_KEY),
  TAILER_TENANT: optionalStr(),
};

export type TailerConfig = Config<typeof tailerConfig>;
