/**
 * Integration tests talk to the real stack. This reuses one that answers at KAFKA_BROKERS /
 * SCHEMA_REGISTRY_URL / REDIS_URL (or the defaults), else starts the local stack (deploy/local)
 * and stops it after the run. With a Docker engine, set PLAYPULSE_TEST_STACK=testcontainers
 * to run the same tests against containers instead (test/support/testcontainers-stack.ts).
 */
import type { TestProject } from 'vitest/node';
import type {} from 'vitest';
import { startStack } from '../../deploy/local/stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: { kafkaBrokers: string; schemaRegistryUrl: string; redisUrl: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env['PLAYPULSE_TEST_STACK'] === 'testcontainers') {
    const { startContainerStack } = await import('../support/testcontainers-stack.ts');
    const stack = await startContainerStack();
    project.provide('stack', { kafkaBrokers: stack.kafkaBrokers, schemaRegistryUrl: stack.schemaRegistryUrl, redisUrl: stack.redisUrl });
    return stack.stop;
  }
  const t0 = Date.now();
  const stack = await startStack({ log: (m) => console.log(`[stack] ${m}`) });
  const started = stack.parts.filter((p) => p.startedHere).map((p) => p.name);
  console.log(`[stack] ready in ${Date.now() - t0} ms; started here: ${started.join(', ') || 'nothing (reused running stack)'}`);
  project.provide('stack', { kafkaBrokers: stack.kafkaBrokers, schemaRegistryUrl: stack.schemaRegistryUrl, redisUrl: stack.redisUrl });
  return async () => {
    await stack.stop();
  };
}
