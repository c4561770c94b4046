/** A collector app over a memory sink, for inject() tests. */
import { buildCollectorApp, type CollectorAppOptions } from '../../services/collector/app.ts';
import { createCollectorTelemetry } from '../../services/collector/collector-telemetry.ts';
import { CollectorRateLimiter } from '../../services/collector/rate-limiter.ts';
import { createTokenVerifier, signToken } from '../../services/collector/token-auth.ts';
import { createMemorySink } from './memory-sink.ts';

export const TEST_KEY = 'test-key';

export async function testCollectorApp(overrides: Partial<CollectorAppOptions> = {}) {
  const sink = createMemorySink();
  const metrics = createCollectorTelemetry({ defaultMetrics: false });
  const app = await buildCollectorApp({
    sink,
    metrics,
    auth: createTokenVerifier({ defaultKey: TEST_KEY, tenantKeys: { other: 'other-key' } }),
    defaultTenant: 'demo',
    rateLimiter: new CollectorRateLimiter({ tenantPerSecond: 0, devicePerSecond: 0 }),
    ipHashKey: 'ip-key',
    maxBodyBytes: 8 * 1024,
    maxBatchBodyBytes: 256 * 1024,
    maxBatchItems: 50,
    retryAfterSeconds: 7,
    trustProxy: false,
    readiness: () => ({ kafka: true }),
    ...overrides,
  });
  const token = await signToken('acme', TEST_KEY);
  return { app, sink, metrics, token, auth: { authorization: `Bearer ${token}` } };
}

export const validBody = (extra: Record<string, unknown> = {}) => ({ accountId: 'acc-1', userId: 'u-1', deviceId: 'dev-1', key: '', appSessionId: 'as-1', ...extra });
