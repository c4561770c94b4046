/** Collector settings (SPEC §8), declared once and validated before anything connects. */
import { z } from 'zod';
import { commonConfig, port, int, bool, oneOf, optionalStr, str, SPARE_CORE_WORKERS } from '../runtime/config.ts';

export const collectorConfig = {
  ...commonConfig,
  COLLECTOR_PORT: port(8080),
  COLLECTOR_HOST: str('0.0.0.0'),
  /** `jwt` (default) or `off` — off only for the local demo, never by accident. */
  COLLECTOR_AUTH: oneOf(['jwt', 'off'], 'jwt'),
  /** HS256 key for tenants without a key of their own. */
  COLLECTOR_TOKEN_SECRET: optionalStr(),
  /** Per-tenant HS256 keys: `tenantA=key1,tenantB=key2`. */
  COLLECTOR_TOKEN_SECRETS: z.preprocess(
    (v) => (v === undefined || v === '' ? {} : v),
    z.union([
      z.record(z.string(), z.string()),
      z
        .string()
        .refine((s) => s.split(',').every((p) => /^[^=,\s]+=[^,]+$/.test(p.trim())), 'must be tenant=key pairs separated by commas')
        .transform((s) => Object.fromEntries(s.split(',').map((p) => p.trim().split(/=(.*)/s).slice(0, 2) as [string, string]))),
    ]),
  ),
  /** Tenant assumed when auth is off. */
  COLLECTOR_DEFAULT_TENANT: str('demo'),
  /** Key of the client-IP hash; the IP itself is never stored. */
  COLLECTOR_IP_HASH_KEY: str('playpulse-local-ip-key'),
  COLLECTOR_TRUST_PROXY: bool(false),
  COLLECTOR_MAX_BODY_BYTES: int(64 * 1024, 1024),
  COLLECTOR_MAX_BATCH_BODY_BYTES: int(4 * 1024 * 1024, 1024),
  COLLECTOR_MAX_BATCH_ITEMS: int(1000, 1),
  /** Extra wait before a send; 0 = natural batching only (records queue while the partition's send is in flight). */
  COLLECTOR_LINGER_MS: int(0, 0, 1000),
  COLLECTOR_MAX_BATCH_RECORDS: int(10_000, 1),
  COLLECTOR_MAX_QUEUED_RECORDS: int(200_000, 1),
  COLLECTOR_MAX_CONCURRENT_SENDS: int(64, 1, 1024),
  /**
   * While a send to Kafka is in flight, a further one starts only once this many records wait; fewer
   * wait for it and go together. Under single-event load this makes fewer, bigger produce requests:
   * in bench runs 5–8 % more requests/s and a fifth less broker CPU per event; batch bodies of this
   * size or more start their send at once.
   */
  COLLECTOR_CONCURRENT_SEND_MIN_RECORDS: int(256, 1),
  /**
   * Idempotent producers in the pool; each owns a share of the partitions and sends one request at a
   * time, so fewer producers mean bigger sends (records gather while one is in flight) and less CPU
   * per event in the collector and the broker. One was best in bench:collector on a 2-core machine;
   * raise it where the round trip to Kafka, not CPU, is what limits a producer.
   */
  COLLECTOR_PRODUCERS: int(1, 1, 32),
  /**
   * Worker threads that parse, validate and encode batch bodies (0 = on the request's thread). Each
   * takes a core's share of batch work and adds about 30 MB of peak memory; single-event requests stay on
   * the request's thread. Default: one where the machine has a second core (2 cores, alternating runs:
   * 55.5k vs 48.9k batched events/s, lower p99), none on a single core.
   */
  COLLECTOR_BATCH_WORKERS: int(SPARE_CORE_WORKERS, 0, 16),
  /** A request whose records Kafka has not acknowledged by then gets 503 + Retry-After. */
  COLLECTOR_ACK_TIMEOUT_MS: int(5_000, 100),
  COLLECTOR_RETRY_AFTER_SECONDS: int(5, 1),
  /** Events per second per tenant (burst = 2 s worth); 0 = unlimited. */
  COLLECTOR_RATE_LIMIT_TENANT_PER_SECOND: int(200_000, 0),
  /** Events per second per device (burst = 10 s worth); 0 = unlimited. */
  COLLECTOR_RATE_LIMIT_DEVICE_PER_SECOND: int(20, 0),
};

export type CollectorConfig = {
  [K in keyof typeof collectorConfig]: z.output<(typeof collectorConfig)[K]>;
};
