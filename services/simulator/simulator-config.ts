/** Environment settings of the traffic simulator (`playpulse up` runs it against the local collector). */
import { int, oneOf, optionalStr, port, str } from '../runtime/config.ts';

export const simulatorConfig = {
  /** Collector base URL; default http://127.0.0.1:$COLLECTOR_PORT. */
  COLLECTOR_URL: optionalStr(),
  COLLECTOR_PORT: port(8080),
  /** Bearer token for the tenant (`playpulse token --tenant demo`); `up` sets it. */
  SIMULATOR_TOKEN: optionalStr(),
  /** appName the simulated clients send: the token's tenant. */
  SIMULATOR_TENANT: str('demo'),
  SIMULATOR_VIEWERS: int(50, 0, 1_000_000),
  SIMULATOR_SEED: int(1),
  /** Time compression: 1 = real time. */
  SIMULATOR_SPEED: int(1, 1, 10_000),
  SIMULATOR_MODE: oneOf(['single', 'batch'], 'batch'),
  SIMULATOR_BATCH_SIZE: int(50, 1, 10_000),
  SIMULATOR_CONCURRENCY: int(4, 1, 1024),
  SIMULATOR_HEARTBEAT_INTERVAL_MS: int(60_000, 1000),
  SIMULATOR_PROGRESS_INTERVAL_MS: int(30_000, 1000),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  SHUTDOWN_TIMEOUT_MS: int(10_000, 1000),
};
