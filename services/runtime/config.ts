/**
 * Configuration is declared once as a schema of environment variables and validated at
 * start-up, before connecting anywhere. A bad value throws a ConfigError naming the variable.
 *
 *   const schema = { ...commonConfig, COLLECTOR_PORT: port(8080) };
 *   const config = loadConfig(schema, process.env);   // typed: config.COLLECTOR_PORT is a number
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { ConfigError } from './errors.ts';

export type ConfigSchema = Record<string, z.ZodType>;
export type Config<S extends ConfigSchema> = { [K in keyof S]: z.output<S[K]> };

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

/**
 * Default size of a service's worker-thread pool (COLLECTOR_BATCH_WORKERS, TAILER_PARSE_WORKERS): one
 * where the machine has a core to spare for it, none on a single core.
 */
export const SPARE_CORE_WORKERS = availableParallelism() > 1 ? 1 : 0;

export const str = (def?: string) => (def === undefined ? z.string().min(1) : z.preprocess(emptyToUndefined, z.string().min(1).default(def)));
export const optionalStr = () => z.preprocess(emptyToUndefined, z.string().min(1).optional());
export const int = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) => z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(def));
export const port = (def: number) => int(def, 0, 65535);
export const bool = (def: boolean) =>
  z.preprocess(emptyToUndefined, z.enum(['true', 'false', '1', '0', 'yes', 'no']).default(def ? 'true' : 'false').transform((v) => v === 'true' || v === '1' || v === 'yes'));
export const oneOf = <T extends [string, ...string[]]>(values: T, def: T[number]) => z.preprocess(emptyToUndefined, z.enum(values).default(def as never));
export const url = (def: string, protocols: string[]) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(def)
      .refine((v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      }, `must be a URL with protocol ${protocols.join(' or ')}`),
  );
export const hostPortList = (def: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(def)
      .refine((v) => v.split(',').every((b) => /^[^\s:,]+:\d{1,5}$/.test(b.trim())), 'must be a comma-separated list of host:port')
      .transform((v) => v.split(',').map((b) => b.trim())),
  );

/** Settings every service shares (SPEC §8). */
export const commonConfig = {
  KAFKA_BROKERS: hostPortList('127.0.0.1:9092'),
  SCHEMA_REGISTRY_URL: url('http://127.0.0.1:8081/apis/ccompat/v7', ['http:', 'https:']),
  REDIS_URL: url('redis://127.0.0.1:6379', ['redis:', 'rediss:']),
  /** Prefix for every topic name; lets tests and several stacks share one Kafka. */
  TOPIC_PREFIX: z.preprocess((v) => v ?? '', z.string().regex(/^[A-Za-z0-9._-]*$/, 'may only contain letters, digits, . _ -')),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  SHUTDOWN_TIMEOUT_MS: int(25_000, 1000),
  /** How far V8's old generation may grow past the live data before the next full GC, in percent (heap-policy.ts); 0 = V8's own heuristics. */
  HEAP_GROWING_PERCENT: int(100, 0, 1000),
};

export function loadConfig<S extends ConfigSchema>(schema: S, env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): Config<S> {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(schema)) {
    const raw = env[name];
    const parsed = type.safeParse(raw);
    if (parsed.success) out[name] = parsed.data;
    else problems.push(`${name}${raw === undefined ? ' (not set)' : `=${JSON.stringify(raw)}`}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length > 0) {
    throw new ConfigError(`invalid configuration: ${problems.join(' | ')}`, { variables: problems.map((p) => p.split(/[ =:]/)[0]) });
  }
  return out as Config<S>;
}

/** A table of variable → default for docs and `playpulse config`. */
export function describeConfig(schema: ConfigSchema): Array<{ name: string; default: unknown }> {
  return Object.entries(schema).map(([name, type]) => {
    const r = type.safeParse(undefined);
    return { name, default: r.success ? r.data : '(required)' };
  });
}
