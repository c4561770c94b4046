/** Collector entry point: read config, build, start, drain on SIGTERM. */
import { loadConfig } from '../runtime/config.ts';
import { configOrExit, runService } from '../runtime/service.ts';
import { createLogger } from '../runtime/logger.ts';
import { collectorConfig } from './config.ts';
import { buildCollector, checkAuthConfig } from './build.ts';

const config = configOrExit(() => {
  const c = loadConfig(collectorConfig);
  checkAuthConfig(c);
  return c;
}, 'collector');
const logger = createLogger('collector', config.LOG_LEVEL);
await runService(buildCollector(config, { logger }), { logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS, heapGrowingPercent: config.HEAP_GROWING_PERCENT });
