/**
 * One format's path from a line to an outgoing record: the (stateful, per-file) parser from
 * services/tailer/parse, the record key (SPEC §2: ssai → session_id, access → listener key),
 * the event time and the Avro encoder.
 */
import type { AccessEvent, SsaiEvent } from '../../../avro/generated/index.ts';
import type { Encoder } from '../../runtime/avro-serde.ts';
import { createAccessParser, createSsaiParser } from '../parse/index.ts';
import type { LineResult } from '../parse/index.ts';
import type { ResolvedFormat } from '../checkpoint/checkpoint.ts';

/** A format and the stream (topic) its records go to. */
export interface StreamOf {
  readonly format: ResolvedFormat;
  readonly stream: 'ssai' | 'access';
}

export const streamOf = (format: ResolvedFormat): StreamOf => ({ format, stream: format === 'ssai' ? 'ssai' : 'access' });

export interface FormatPipeline extends StreamOf {
  parse(text: string, lineNo: number): LineResult<unknown>;
  keyOf(value: unknown): string;
  timeOf(value: unknown): number;
  encode(value: unknown): Buffer;
}

export interface Encoders {
  ssai: Encoder<SsaiEvent>;
  access: Encoder<AccessEvent>;
}

export interface PipelineOptions {
  fileId: string;
  file: string;
  ipHashKey: string;
  tenant: string | null;
}

export function createFormatPipeline(format: ResolvedFormat, encoders: Encoders, opts: PipelineOptions): FormatPipeline {
  if (format === 'ssai') {
    const p = createSsaiParser({ fileId: opts.fileId, file: opts.file, tenant: opts.tenant, ipHashKey: opts.ipHashKey });
    return {
      format,
      stream: 'ssai',
      parse: (t, n) => p.parseLine(t, n),
      keyOf: (v) => (v as SsaiEvent).session_id,
      timeOf: (v) => (v as SsaiEvent).timestampMs,
      encode: (v) => encoders.ssai.encode(v as SsaiEvent),
    };
  }
  const p = createAccessParser(format, { ipHashKey: opts.ipHashKey, fileId: opts.fileId, file: opts.file, tenant: opts.tenant });
  return {
    format,
    stream: 'access',
    parse: (t, n) => p.parseLine(t, n),
    keyOf: (v) => (v as AccessEvent).listenerKey,
    timeOf: (v) => (v as AccessEvent).timestamp,
    encode: (v) => encoders.access.encode(v as AccessEvent),
  };
}
