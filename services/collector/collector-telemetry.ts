/** Every collector metric, in one place. Labels are bounded: custom activity names count as `custom`. */
import { Telemetry, LATENCY_BUCKETS_SECONDS } from '../runtime/telemetry.ts';
import { isKnownActivity } from './activity-names.ts';

export function activityLabel(name: string | null | undefined): string {
  if (!name) return 'none';
  return isKnownActivity(name) ? name : 'custom';
}

export function createCollectorTelemetry(opts: { defaultMetrics?: boolean } = {}) {
  const t = new Telemetry('collector', opts);
  return {
    telemetry: t,
    requests: t.counter('playpulse_collector_http_requests_total', 'HTTP requests by route, status and activity (custom activity names count as custom; batch requests as batch)', ['route', 'status', 'activity']),
    requestDuration: t.histogram('playpulse_collector_http_request_duration_seconds', 'HTTP request duration', LATENCY_BUCKETS_SECONDS, ['route']),
    accepted: t.counter('playpulse_collector_accepted_events_total', 'activities acknowledged by Kafka, by activity', ['activity']),
    rejected: t.counter('playpulse_collector_rejected_events_total', 'activities refused, by reason', ['reason']),
    produceLatency: t.histogram('playpulse_collector_produce_latency_seconds', 'time from send to Kafka acknowledgement', LATENCY_BUCKETS_SECONDS, ['outcome']),
    batchBodies: t.counter('playpulse_collector_batch_processed_requests_total', 'batch bodies parsed, validated and encoded, by where: worker (COLLECTOR_BATCH_WORKERS) or thread', ['where']),
    /** How many records each Kafka send carried: many requests share one send (COLLECTOR_LINGER_MS, COLLECTOR_CONCURRENT_SEND_MIN_RECORDS). */
    sendRecords: t.histogram('playpulse_collector_kafka_send_records', 'records per Kafka send (micro-batching: requests share a send)', [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]),
    queueDepth: t.gauge('playpulse_collector_queue_depth_records', 'records queued or in flight to Kafka'),
  };
}

export type CollectorTelemetry = ReturnType<typeof createCollectorTelemetry>;
