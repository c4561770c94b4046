import { describe, it, expect, inject, afterAll } from 'vitest';
import { createRedis } from '../../services/runtime/redis-client.ts';
import { uniquePrefix } from '../support/isolation.ts';

const stack = inject('stack');
const prefix = uniquePrefix('redis');
const redis = createRedis(stack.redisUrl, { keyPrefix: prefix });

afterAll(async () => {
  const keys = await redis.keys('*');
  const stripped = keys.map((k) => k.slice(prefix.length));
  if (stripped.length) await redis.del(...stripped);
  redis.disconnect();
});

describe('Redis', () => {
  it('round-trips a hash under the run prefix, invisible to another prefix', async () => {
    await redis.hset('session:{p0}:abc', { state: 'playing', watchMs: '1200' });
    expect(await redis.hgetall('session:{p0}:abc')).toEqual({ state: 'playing', watchMs: '1200' });
    const other = createRedis(stack.redisUrl, { keyPrefix: uniquePrefix('redis-other') });
    expect(await other.exists('session:{p0}:abc')).toBe(0);
    other.disconnect();
  });
});
