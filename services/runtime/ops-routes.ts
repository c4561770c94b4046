/** /healthz, /readyz and /metrics, on a service's own Fastify app or on a small ops server. */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Telemetry } from './telemetry.ts';

export type ReadinessChecks = () => Promise<Record<string, boolean>> | Record<string, boolean>;

export function registerOpsRoutes(app: FastifyInstance, telemetry: Telemetry, readiness: ReadinessChecks): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const checks = await readiness();
    const ready = Object.values(checks).every(Boolean);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });
  app.get('/metrics', async (_req, reply) => {
    const body = await telemetry.metrics();
    return reply.header('Content-Type', telemetry.registry.contentType).send(body);
  });
}

/** A Fastify app with only the ops routes, for services without an HTTP API of their own. */
export function buildOpsServer(telemetry: Telemetry, readiness: ReadinessChecks): FastifyInstance {
  const app = Fastify({ logger: false });
  registerOpsRoutes(app, telemetry, readiness);
  return app;
}
