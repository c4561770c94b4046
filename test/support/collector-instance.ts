/** A collector built in-process against the real stack, on a free port, for integration tests. */
import { loadConfig } from '../../services/runtime/config.ts';
import { collectorConfig } from '../../services/collector/config.ts';
import { buildCollector, type Collector } from '../../services/collector/build.ts';
import { signToken } from '../../services/collector/token-auth.ts';
import { silentLogger } from '../../services/runtime/logger.ts';

export const TEST_SECRET = 'integration-secret';

export async function startTestCollector(env: Record<string, string>): Promise<{ collector: Collector; url: string; token: string }> {
  const config = loadConfig(collectorConfig, { COLLECTOR_PORT: '0', COLLECTOR_HOST: '127.0.0.1', COLLECTOR_TOKEN_SECRET: TEST_SECRET, COLLECTOR_RATE_LIMIT_DEVICE_PER_SECOND: '0', ...env });
  const collector = buildCollector(config, { logger: silentLogger() });
  await collector.start();
  return { collector, url: collector.address(), token: await signToken('acme', TEST_SECRET) };
}
