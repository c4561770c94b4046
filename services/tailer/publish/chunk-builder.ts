/**
 * Collects one chunk of a file's lines as outgoing messages: parsed records (to ssai.events.v1
 * or access.events.v1), rejected and late lines as dead letters (with file, line and reason),
 * then the checkpoint covering them, all to be sent in one Kafka transaction.
 */
import type { DeadLetter } from '../../../avro/generated/index.ts';
import type { Encoder } from '../../runtime/avro-serde.ts';
import { deadLetterMessage } from '../../runtime/dead-letter.ts';
import { maskIps } from '../../runtime/ip-privacy.ts';
import type { OutgoingMessage, TopicMessages } from '../../runtime/message-bus.ts';
import { encodeCheckpoint, fileKey, watermarkKey, type FileCheckpoint } from '../checkpoint/checkpoint.ts';
import type { StreamOf } from './format-pipeline.ts';
import type { LineOutcome } from './line-outcome.ts';
import { lateReason, type EventTimeWatermark } from './late-cutoff.ts';

export interface ChunkTopics {
  readonly ssai: string;
  readonly access: string;
  readonly dlq: string;
  readonly checkpoints: string;
}

export interface ChunkContext {
  readonly topics: ChunkTopics;
  readonly dlqEncoder: Encoder<DeadLetter>;
  readonly lateCutoffMs: number;
  readonly file: string;
  readonly fileId: string;
  readonly tenant: string | null;
  /** Key of the IP hash: IPs in dead-lettered lines are replaced by their hash (never stored raw). */
  readonly ipHashKey: string;
}

export interface ChunkCounts {
  published: number;
  skipped: number;
  rejected: number;
  late: number;
  bytes: number;
  reasons: Map<string, number>;
}

export class ChunkBuilder {
  readonly events: OutgoingMessage[] = [];
  readonly dead: OutgoingMessage[] = [];
  readonly counts: ChunkCounts = { published: 0, skipped: 0, rejected: 0, late: 0, bytes: 0, reasons: new Map() };
  lines = 0;
  /** Bytes of keys and values to send: what the broker's message size limit applies to. */
  encodedBytes = 0;

  constructor(
    private readonly of: StreamOf,
    private readonly watermark: EventTimeWatermark,
    private readonly ctx: ChunkContext,
  ) {}

  /** One line's outcome (line-outcome.ts): a record joins the chunk unless it is late; the rest are counted or dead-lettered. */
  accept(outcome: LineOutcome, text: string, lineNo: number, bytes: number): void {
    this.lines++;
    this.counts.bytes += bytes;
    if (outcome.kind === 'skip') {
      this.counts.skipped++;
      return;
    }
    if (outcome.kind === 'reject') {
      this.deadLetter(outcome.code, outcome.reason, text, lineNo, false);
      return;
    }
    const t = outcome.time;
    const before = this.watermark.value;
    if (this.watermark.observe(t)) {
      this.deadLetter('LATE_EVENT', lateReason(t, before ?? t, this.ctx.lateCutoffMs), text, lineNo, true);
      return;
    }
    if (outcome.kind === 'unencodable') {
      this.deadLetter('AVRO_INVALID', outcome.reason, text, lineNo, false);
      return;
    }
    this.encodedBytes += outcome.value.length + outcome.key.length + 16;
    this.events.push({ key: outcome.key, value: outcome.value });
    this.counts.published++;
  }

  /** A dead letter for the line (or, with line = last line + 1, for the file as a whole). */
  deadLetter(reasonCode: string, reason: string, payload: string, lineNo: number, late: boolean): void {
    const message = deadLetterMessage(this.ctx.dlqEncoder, {
        source: `tailer.${this.of.stream}`,
        reasonCode,
        reason,
        payload: maskIps(payload, this.ctx.ipHashKey),
        tenant: this.ctx.tenant,
        file: this.ctx.file,
        fileId: this.ctx.fileId,
        line: lineNo,
        attributes: { format: this.of.format },
      });
    this.encodedBytes += (message.value?.length ?? 0) + 32;
    this.dead.push(message);
    if (late) this.counts.late++;
    else {
      this.counts.rejected++;
      this.counts.reasons.set(reasonCode, (this.counts.reasons.get(reasonCode) ?? 0) + 1);
    }
  }

  toBatches(checkpoint: FileCheckpoint, watermarkSource: string | null): TopicMessages[] {
    const out: TopicMessages[] = [];
    if (this.events.length > 0) out.push({ topic: this.of.stream === 'ssai' ? this.ctx.topics.ssai : this.ctx.topics.access, messages: this.events });
    if (this.dead.length > 0) out.push({ topic: this.ctx.topics.dlq, messages: this.dead });
    const cps: OutgoingMessage[] = [{ key: fileKey(checkpoint.fileId), value: encodeCheckpoint(checkpoint) }];
    const wm = this.watermark.value;
    if (watermarkSource !== null && wm !== null) cps.push({ key: watermarkKey(watermarkSource), value: encodeCheckpoint({ kind: 'watermark', source: watermarkSource, eventTimeMs: wm }) });
    out.push({ topic: this.ctx.topics.checkpoints, messages: cps });
    return out;
  }
}
