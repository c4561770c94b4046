/** ioredis client with the service's key prefix (tests use a unique prefix per run). */
import { Redis } from 'ioredis';

export type { Redis };

export function createRedis(url: string, opts: { keyPrefix?: string; lazyConnect?: boolean } = {}): Redis {
  return new Redis(url, {
    keyPrefix: opts.keyPrefix,
    lazyConnect: opts.lazyConnect ?? true,
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
  });
}
