/** Redis for the local stack: the one at REDIS_URL when it answers, else Debian's redis-server with AOF on. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { ManagedProcess } from './managed-process.ts';

export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export function redisProcess(dir: string, port: number): ManagedProcess {
  mkdirSync(dir, { recursive: true });
  return new ManagedProcess({
    name: 'Redis',
    command: 'redis-server',
    args: ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--daemonize', 'no'],
    logFile: join(dir, 'redis.log'),
    pidFile: join(dir, 'redis.pid'),
    healthy: () => redisAnswers(`redis://127.0.0.1:${port}`, 1000),
    startTimeoutMs: 20_000,
    stopTimeoutMs: 10_000,
  });
}
