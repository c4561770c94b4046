/**
 * The tailer's internal, compacted checkpoint topic (declared in topics/catalog.ts; one partition,
 * so a restore reads it in order). Created at start-up when missing, e.g. when the tailer runs
 * without `playpulse topics apply`.
 */
import type { BusAdmin, TopicSpec } from '../../runtime/message-bus.ts';
import { topicSpecs } from '../../../topics/catalog.ts';

export const CHECKPOINT_TOPIC = 'tailer.checkpoints.v1';

export function checkpointTopicSpec(prefix: string, replicationFactor = 1): TopicSpec {
  const spec = topicSpecs(prefix, replicationFactor).find((s) => s.name === `${prefix}${CHECKPOINT_TOPIC}`);
  if (!spec) throw new Error(`${CHECKPOINT_TOPIC} is missing from topics/catalog.ts`);
  return spec;
}

export async function ensureCheckpointTopic(admin: BusAdmin, prefix: string): Promise<void> {
  const spec = checkpointTopicSpec(prefix);
  if ((await admin.listTopics()).includes(spec.name)) return;
  try {
    await admin.createTopics([spec]);
  } catch (err) {
    // created concurrently by another instance
    if (!(await admin.listTopics()).includes(spec.name)) throw err;
  }
}
