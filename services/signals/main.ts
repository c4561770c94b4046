/** Signals entry point: read config, build, start, drain on SIGTERM. */
import { loadConfig } from '../runtime/config.ts';
import { configOrExit, runService } from '../runtime/service.ts';
import { createLogger } from '../runtime/logger.ts';
import { signalsConfig } from './config.ts';
import { buildSignals } from './build.ts';

const config = configOrExit(() => loadConfig(signalsConfig), 'signals');
const logger = createLogger('signals', config.LOG_LEVEL);
await runService(buildSignals(config, { logger }), { logger, shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS, heapGrowingPercent: config.HEAP_GROWING_PERCENT });
