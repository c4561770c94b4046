/**
 * The lifecycle every service follows: main.ts reads config, calls build(config, deps), starts it
 * and on SIGTERM/SIGINT stops it (stop intake, finish in-flight work, commit) and exits 0.
 */
import type { Logger } from './logger.ts';
import { PlaypulseError } from './errors.ts';
import { applyHeapGrowingPercent } from './heap-policy.ts';

export interface Service {
  start(): Promise<void>;
  /** Drains: stops intake, finishes in-flight work, commits, closes connections. */
  stop(): Promise<void>;
}

export interface RunOptions {
  logger: Logger;
  shutdownTimeoutMs: number;
  /** HEAP_GROWING_PERCENT, applied before the service starts (heap-policy.ts). */
  heapGrowingPercent: number;
}

/** Starts a service and wires SIGTERM/SIGINT to an orderly stop; exits 0 on a clean stop, 1 otherwise. */
export async function runService(service: Service, opts: RunOptions): Promise<void> {
  const { logger } = opts;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs: opts.shutdownTimeoutMs }, 'stop timed out; exiting');
      process.exit(1);
    }, opts.shutdownTimeoutMs);
    timer.unref();
    try {
      await service.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'stop failed');
      process.exit(1);
    }
  };
  applyHeapGrowingPercent(opts.heapGrowingPercent);
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  try {
    await service.start();
    logger.info('started');
  } catch (err) {
    logger.error({ err, code: err instanceof PlaypulseError ? err.code : undefined }, 'start failed');
    await service.stop().catch(() => undefined);
    process.exit(1);
  }
}

/** For main.ts: load config or exit non-zero with a message naming the bad variable. */
export function configOrExit<T>(load: () => T, service: string): T {
  try {
    return load();
  } catch (err) {
    process.stderr.write(`${service}: ${(err as Error).message}\n`);
    process.exit(2);
  }
}
