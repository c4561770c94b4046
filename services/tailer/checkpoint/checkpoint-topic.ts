/**
 * The tailer's internal, compacted checkpoint topic (one partition: restore reads it in order).
 * Created at start-up when missing, until topics/catalog.ts declares it.
 */
import type { BusAdmin, TopicSpec } from '../../runtime/message-bus.ts';
import { topicName } from '../../../topics/catalog.ts';

export const CHECKPOINT_TOPIC = 'tailer.checkpoints.v1';

export function checkpointTopicSpec(prefix: string, replicationFactor = 1): TopicSpec {
  return {
    name: topicName(prefix, CHECKPOINT_TOPIC),
    partitions: 1,
    replicationFactor,
    configs: { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': String(60_000), 'segment.ms': String(24 * 60 * 60 * 1000) },
  };
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
