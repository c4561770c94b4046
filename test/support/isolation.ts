/** Per-run names so tests never see each other's topics, groups or Redis keys (the Redis here is shared). */
import { randomBytes } from 'node:crypto';

export function uniquePrefix(label = 't'): string {
  return `${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}.`;
}

export function testEnv(stack: { kafkaBrokers: string; schemaRegistryUrl: string; redisUrl: string }, prefix: string): Record<string, string> {
  return { KAFKA_BROKERS: stack.kafkaBrokers, SCHEMA_REGISTRY_URL: stack.schemaRegistryUrl, REDIS_URL: stack.redisUrl, TOPIC_PREFIX: prefix, LOG_LEVEL: 'silent' };
}
