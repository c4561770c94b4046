/** Every tailer metric in one place (SPEC §5): bounded labels only (format, outcome, reason, event). */
import { Telemetry, LATENCY_BUCKETS_SECONDS } from '../runtime/telemetry.ts';

export type TailerTelemetry = ReturnType<typeof createTailerTelemetry>;

export function createTailerTelemetry(telemetry = new Telemetry('tailer')) {
  return {
    telemetry,
    /** outcome: published, skipped (blank/comment/header), rejected (dead-lettered), late (dead-lettered). */
    lines: telemetry.counter('playpulse_tailer_processed_lines_total', 'Log lines handled, committed to Kafka', ['format', 'outcome'] as const),
    rejected: telemetry.counter('playpulse_tailer_rejected_lines_total', 'Lines dead-lettered, by reason code', ['format', 'reason'] as const),
    bytes: telemetry.counter('playpulse_tailer_read_bytes_total', 'Bytes of log lines committed (decompressed for gzip)', ['format'] as const),
    /** event: discovered, renamed, truncated, replaced (inode re-used), completed, corrupt, unknown_format, deleted. */
    files: telemetry.counter('playpulse_tailer_file_events_files_total', 'File lifecycle events', ['format', 'event'] as const),
    /** where: thread (the file job's own) or worker (TAILER_PARSE_WORKERS). */
    parsed: telemetry.counter('playpulse_tailer_parsed_lines_total', 'Lines parsed and Avro-encoded, by where', ['where'] as const),
    transactions: telemetry.counter('playpulse_tailer_transactions_batches_total', 'Kafka transactions (records + checkpoint)', ['outcome'] as const),
    commitSeconds: telemetry.histogram('playpulse_tailer_commit_duration_seconds', 'Duration of one Kafka transaction', LATENCY_BUCKETS_SECONDS),
    tracked: telemetry.gauge('playpulse_tailer_tracked_files', 'Files currently matched by the sources'),
    backlog: telemetry.gauge('playpulse_tailer_backlog_bytes', 'Bytes of plain files not yet read'),
    watermark: telemetry.gauge('playpulse_tailer_watermark_seconds', 'Event-time watermark per source format (max event time seen)', ['format'] as const),
    restores: telemetry.counter('playpulse_tailer_restores_count_total', 'Checkpoint restores from Kafka (start and recovery)'),
  };
}
