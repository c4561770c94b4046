/** The tailer service: log files (SSAI, access logs) → Kafka, exactly once. */
import { loadConfig } from '../runtime/config.ts';
import { createLogger } from '../runtime/logger.ts';
import { configOrExit, runService } from '../runtime/service.ts';
import { tailerConfig } from './config.ts';
import { buildTailer } from './build.ts';

const config = configOrExit(() => loadConfig(tailerConfig, process.env), 'tailer');
const logger = createLogger('tailer', config.LOG_LEVEL);
await runService(buildTailer(config, { logger }), { logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS, heapGrowingPercent: config.HEAP_GROWING_PERCENT });
