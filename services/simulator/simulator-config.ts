/** Settings of the traffic simulator that `playpulse up` runs against the collector. */
import type { z } from 'zod';
import { int, oneOf, str, url, optionalStr } from '../runtime/config.ts';


export const simulatorConfig = {
  SIMULATOR_COLLECTOR_URL: url('http://127.0.0.1:8080', ['http:', 'https:']),
  SIMULATOR_TOKEN: optionalStr(),
  SIMULATOR_TENANT: str('demo'),
  SIMULATOR_SEED: int(42),
  SIMULATOR_VIEWERS: int(1000, 0),
  /** Simulated time runs this many times faster than wall-clock time (above 1, event times run ahead of the clock). */
  SIMULATOR_SPEED: int(1, 1),
  SIMULATOR_HEARTBEAT_INTERVAL_MS: int(60_000, 1000),
  SIMULATOR_MODE: oneOf(['single', 'batch'], 'single'),
  SIMULATOR_BATCH_SIZE: int(50, 1),
  SIMULATOR_CONCURRENCY: int(8, 1),
  /** Every this often a generated SSAI log and access log land in the tailer's inboxes; 0 = off. */
  SIMULATOR_LOG_INTERVAL_MS: int(30_000, 0),
  SIMULATOR_SSAI_DIR: str('data/inbox/ssai'),
  SIMULATOR_ACCESS_DIR: str('data/inbox/access'),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
};

export type SimulatorConfig = { [K in keyof typeof simulatorConfig]: z.output<(typeof simulatorConfig)[K]> };
