/**
 * The traffic simulator as a process: endless, deterministic (SIMULATOR_SEED) client behaviour
 * from now on, sent to the collector in real time (or SIMULATOR_SPEED times faster), until SIGTERM.
 * Logs progress (events by HTTP status) as JSON lines.
 */
import { loadConfig } from '../runtime/config.ts';
import { createLogger } from '../runtime/logger.ts';
import { configOrExit, runService } from '../runtime/service.ts';
import { driveApi } from './drive-api.ts';
import type { DriveResult } from './drive-api.ts';
import { simulateIter } from './simulate.ts';
import { simulatorConfig } from './simulator-config.ts';

const config = configOrExit(() => loadConfig(simulatorConfig, process.env), 'simulator');
const logger = createLogger('simulator', config.LOG_LEVEL);
const baseUrl = config.COLLECTOR_URL ?? `http://127.0.0.1:${config.COLLECTOR_PORT}`;
const abort = new AbortController();
const counts: Record<string, number> = {};
let running: Promise<DriveResult> | null = null;
let progress: ReturnType<typeof setInterval> | null = null;

await runService(
  {
    async start() {
      const startTime = Date.now();
      if (config.SIMULATOR_TOKEN === undefined) logger.warn('SIMULATOR_TOKEN is not set: requests carry no bearer token');
      running = driveApi({
        baseUrl,
        token: config.SIMULATOR_TOKEN ?? null,
        events: simulateIter({
          seed: config.SIMULATOR_SEED,
          viewers: config.SIMULATOR_VIEWERS,
          startTime,
          durationMs: Infinity,
          heartbeatIntervalMs: config.SIMULATOR_HEARTBEAT_INTERVAL_MS,
          appName: config.SIMULATOR_TENANT,
          arrivalSpreadMs: 2 * 60_000,
        }),
        mode: config.SIMULATOR_MODE === 'single' ? 'single' : 'batch',
        batchSize: config.SIMULATOR_BATCH_SIZE,
        realtime: true,
        speed: config.SIMULATOR_SPEED,
        concurrency: config.SIMULATOR_CONCURRENCY,
        signal: abort.signal,
        onResponse: (status, n) => {
          counts[status] = (counts[status] ?? 0) + n;
        },
      });
      running.catch((err: unknown) => logger.error({ err }, 'simulator stopped'));
      progress = setInterval(() => logger.info({ eventsByStatus: counts }, 'progress'), config.SIMULATOR_PROGRESS_INTERVAL_MS);
      progress.unref();
      logger.info({ baseUrl, viewers: config.SIMULATOR_VIEWERS, seed: config.SIMULATOR_SEED, mode: config.SIMULATOR_MODE, speed: config.SIMULATOR_SPEED }, 'simulating');
    },
    async stop() {
      abort.abort();
      if (progress !== null) clearInterval(progress);
      if (running !== null) {
        const r = await running;
        logger.info({ eventsByStatus: r.byStatus, requests: r.requests, durationMs: r.durationMs }, 'done');
      }
    },
  },
  { logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS },
);
