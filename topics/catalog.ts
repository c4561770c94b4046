/**
 * Every topic of SPEC §2 as code: partitions, retention, cleanup policy. Applied idempotently at
 * start-up (`playpulse up`) and by `playpulse topics apply`: missing topics are created, drift is reported.
 */
import type { TopicSpec } from '../services/runtime/message-bus.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface TopicDefinition {
  /** Logical name; the Kafka topic is TOPIC_PREFIX + name. */
  name: string;
  key: string;
  description: string;
  partitions: number;
  configs: Record<string, string>;
}

const deleteAfter = (days: number) => ({ 'cleanup.policy': 'delete', 'retention.ms': String(days * DAY_MS) });
/** Topics the tailer writes in multi-MiB transactions: record batches up to 8 MiB. */
const bigBatches = { 'max.message.bytes': String(8 * 1024 * 1024) };
const compacted = { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': String(60_000), 'segment.ms': String(DAY_MS) };

export const TOPICS: readonly TopicDefinition[] = [
  { name: 'uav.events.v1', key: 'appSessionId, else deviceId', description: 'one accepted UAV activity', partitions: 6, configs: deleteAfter(7) },
  { name: 'ssai.events.v1', key: 'session_id', description: 'one SSAI log record', partitions: 6, configs: { ...deleteAfter(7), ...bigBatches } },
  { name: 'access.events.v1', key: 'listener key (IP hash + user agent)', description: 'one parsed access-log line', partitions: 6, configs: { ...deleteAfter(7), ...bigBatches } },
  { name: 'dlq.v1', key: 'source', description: 'rejected input: raw payload, source, reason, time', partitions: 3, configs: { ...deleteAfter(14), ...bigBatches } },
  { name: 'qoe.sessions.v1', key: 'playbackSessionId', description: 'a closed playback session', partitions: 6, configs: deleteAfter(30) },
  { name: 'qoe.aggregates.v1', key: 'window + dimensions', description: 'a QoE window result, re-emitted when late data changes it', partitions: 3, configs: compacted },
  { name: 'ads.breaks.v1', key: 'summary_id', description: 'a closed ad break', partitions: 6, configs: deleteAfter(30) },
  { name: 'ads.aggregates.v1', key: 'window + dimensions', description: 'an ad-delivery window result', partitions: 3, configs: compacted },
  { name: 'listening.sessions.v1', key: 'listener + episode', description: 'a counted download / listening session', partitions: 6, configs: deleteAfter(30) },
  { name: 'listening.aggregates.v1', key: 'window + dimensions', description: 'downloads and unique listeners per window', partitions: 3, configs: compacted },
  { name: 'reco.signals.v1', key: 'userId, else deviceId', description: 'a recommendation signal with scores', partitions: 6, configs: deleteAfter(3) },
  // Internal: the tailer's positions, written in the same transaction as the records they cover.
  // One partition so a restore reads it in order. JSON values.
  { name: 'tailer.checkpoints.v1', key: 'file/<fileId> | wm/<source> | marker/<transactionalId>', description: 'tailer positions (internal)', partitions: 1, configs: compacted },
];

export type TopicName = (typeof TOPICS)[number]['name'];

export function topicName(prefix: string, name: string): string {
  return `${prefix}${name}`;
}

export function topicSpecs(prefix = '', replicationFactor = 1): TopicSpec[] {
  return TOPICS.map((t) => ({ name: topicName(prefix, t.name), partitions: t.partitions, replicationFactor, configs: { ...t.configs } }));
}
