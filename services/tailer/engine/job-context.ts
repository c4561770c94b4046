/** What a file job needs from the engine. */
import type { Logger } from '../../runtime/logger.ts';
import type { DeadLetter } from '../../../avro/generated/index.ts';
import type { Encoder } from '../../runtime/avro-serde.ts';
import type { CheckpointIndex } from '../checkpoint/checkpoint-index.ts';
import type { OpenLineParser } from '../publish/line-parser.ts';
import type { ChunkTopics } from '../publish/chunk-builder.ts';
import type { EventTimeWatermark } from '../publish/late-cutoff.ts';
import type { TailerTelemetry } from '../telemetry.ts';

export interface JobSettings {
  readonly batchLines: number;
  readonly batchBytes: number;
  readonly lateCutoffMs: number;
  readonly ipHashKey: string;
  readonly tenant: string | null;
}

export interface JobContext {
  readonly settings: JobSettings;
  /** Opens a file's parser: on this thread, or in a parse worker (TAILER_PARSE_WORKERS). */
  readonly openParser: OpenLineParser;
  readonly dlqEncoder: Encoder<DeadLetter>;
  readonly topics: ChunkTopics;
  readonly index: CheckpointIndex;
  readonly tel: TailerTelemetry;
  readonly logger: Logger;
  /** The in-memory (uncommitted) watermark of a source. */
  watermarkOf(source: string): EventTimeWatermark;
  /** True once the engine is draining or recovering: finish the transaction in flight and return. */
  shouldStop(): boolean;
}
