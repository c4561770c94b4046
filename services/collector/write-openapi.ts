/** Writes the collector's OpenAPI description to deploy/openapi/collector.json (`npm run gen:openapi`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../deploy/local/paths.ts';
import { buildCollectorApp } from './app.ts';
import { createCollectorTelemetry } from './collector-telemetry.ts';
import { CollectorRateLimiter } from './rate-limiter.ts';
import type { ActivitySink } from './activity-sink.ts';

export const OPENAPI_FILE = join(projectRoot, 'deploy', 'openapi', 'collector.json');

const noSink: ActivitySink = {
  encodeEvent: () => ({ key: null, value: null }),
  encodeDeadLetter: () => ({ key: null, value: null }),
  publish: async () => undefined,
  stats: () => ({ queued: 0, inFlight: 0 }),
};

export async function renderOpenApi(): Promise<string> {
  const app = await buildCollectorApp({
    sink: noSink,
    metrics: createCollectorTelemetry({ defaultMetrics: false }),
    auth: null,
    defaultTenant: 'demo',
    rateLimiter: new CollectorRateLimiter({ tenantPerSecond: 0, devicePerSecond: 0 }),
    ipHashKey: 'k',
    maxBodyBytes: 65536,
    maxBatchBodyBytes: 4194304,
    maxBatchItems: 1000,
    retryAfterSeconds: 5,
    trustProxy: false,
    readiness: () => ({}),
  });
  await app.ready();
  const doc = JSON.stringify(app.swagger(), null, 2) + '\n';
  await app.close();
  return doc;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() as string)) {
  writeFileSync(OPENAPI_FILE, await renderOpenApi());
  console.log(`wrote ${OPENAPI_FILE}`);
}
