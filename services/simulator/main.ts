/**
 * The traffic simulator of the local demo (`playpulse up`): an endless, seeded stream of UAV client
 * behaviour sent to the collector in (sped-up) real time. SIGTERM stops it.
 */
import { loadConfig } from '../runtime/config.ts';
import { configOrExit } from '../runtime/service.ts';
import { createLogger } from '../runtime/logger.ts';
import { simulatorConfig } from './simulator-config.ts';
import { simulateIter } from './simulate.ts';
import { driveApi } from './drive-api.ts';
import { startLogFeeder } from './log-feeder.ts';

const config = configOrExit(() => loadConfig(simulatorConfig), 'simulator');
const logger = createLogger('simulator', config.LOG_LEVEL);
const abort = new AbortController();
process.once('SIGTERM', () => abort.abort());
process.once('SIGINT', () => abort.abort());

const stopFeeder =
  config.SIMULATOR_LOG_INTERVAL_MS > 0
    ? startLogFeeder({ ssaiDir: config.SIMULATOR_SSAI_DIR, accessDir: config.SIMULATOR_ACCESS_DIR, intervalMs: config.SIMULATOR_LOG_INTERVAL_MS, seed: config.SIMULATOR_SEED, adBreaksPerFile: 40, accessRequestsPerFile: 500, logger })
    : async () => undefined;
const counts = new Map<string, number>();
const report = setInterval(() => logger.info({ responses: Object.fromEntries(counts) }, 'simulator progress'), 10_000);
logger.info({ viewers: config.SIMULATOR_VIEWERS, speed: config.SIMULATOR_SPEED, collector: config.SIMULATOR_COLLECTOR_URL }, 'simulator started');
const result = await driveApi({
  baseUrl: config.SIMULATOR_COLLECTOR_URL,
  token: config.SIMULATOR_TOKEN ?? null,
  events: simulateIter({ seed: config.SIMULATOR_SEED, viewers: config.SIMULATOR_VIEWERS, startTime: Date.now(), durationMs: Infinity, heartbeatIntervalMs: config.SIMULATOR_HEARTBEAT_INTERVAL_MS, appName: config.SIMULATOR_TENANT }),
  mode: config.SIMULATOR_MODE as 'single' | 'batch',
  batchSize: config.SIMULATOR_BATCH_SIZE,
  realtime: true,
  speed: config.SIMULATOR_SPEED,
  concurrency: config.SIMULATOR_CONCURRENCY,
  signal: abort.signal,
  onResponse: (status, n) => counts.set(status, (counts.get(status) ?? 0) + n),
});
clearInterval(report);
await stopFeeder();
logger.info({ result }, 'simulator stopped');
process.exit(0);
