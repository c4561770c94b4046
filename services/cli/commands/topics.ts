/** `playpulse topics apply`: create missing topics, report drift. */
import { loadConfig, commonConfig } from '../../runtime/config.ts';
import { createKafkaBus } from '../../runtime/kafkajs-bus.ts';
import { applyTopics, type ApplyTopicsResult } from '../../../topics/apply-topics.ts';
import { topicSpecs } from '../../../topics/catalog.ts';

export async function applyTopicsCommand(env: NodeJS.ProcessEnv, print: (s: string) => void): Promise<ApplyTopicsResult> {
  const config = loadConfig(commonConfig, env);
  const bus = createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: 'playpulse-cli' });
  const admin = bus.admin();
  await admin.connect();
  try {
    const result = await applyTopics(admin, topicSpecs(config.TOPIC_PREFIX));
    for (const t of result.created) print(`topic ${t}: created`);
    for (const d of result.drift) print(`topic ${d.topic}: DRIFT ${d.field} expected ${d.expected}, is ${d.actual}`);
    print(`topics: ${result.created.length} created, ${result.unchanged.length} present, ${result.drift.length} drifted`);
    return result;
  } finally {
    await admin.disconnect();
  }
}
