/**
 * What one log line becomes before the chunk takes it: an encoded record with its key and event
 * time, a record that does not fit the Avro schema (still with its event time, so the late-data rule
 * applies first), a skipped line, or a rejection. Pure; the same function runs on the file job's
 * thread and in parse workers (TAILER_PARSE_WORKERS), so both give the same outcomes.
 */
import type { FormatPipeline } from './format-pipeline.ts';

export type LineOutcome =
  | { readonly kind: 'record'; readonly key: string; readonly time: number; readonly value: Buffer }
  | { readonly kind: 'unencodable'; readonly time: number; readonly reason: string }
  | { readonly kind: 'skip' }
  | { readonly kind: 'reject'; readonly code: string; readonly reason: string };

export const SKIPPED: LineOutcome = Object.freeze({ kind: 'skip' });

export function processLine(pipeline: FormatPipeline, text: string, lineNo: number): LineOutcome {
  let res;
  try {
    res = pipeline.parse(text, lineNo);
  } catch (err) {
    return { kind: 'reject', code: 'PARSE_ERROR', reason: `parser failed: ${(err as Error).message}` };
  }
  if (res.kind === 'skip') return SKIPPED;
  if (res.kind === 'reject') return res;
  const value = res.value;
  const time = pipeline.timeOf(value);
  try {
    return { kind: 'record', key: pipeline.keyOf(value), time, value: pipeline.encode(value) };
  } catch (err) {
    return { kind: 'unencodable', time, reason: (err as Error).message };
  }
}

/** A batch of consecutive lines, numbered from `firstLineNo`. */
export function processLines(pipeline: FormatPipeline, texts: readonly string[], firstLineNo: number): LineOutcome[] {
  const out = new Array<LineOutcome>(texts.length);
  for (let i = 0; i < texts.length; i++) out[i] = processLine(pipeline, texts[i] as string, firstLineNo + i);
  return out;
}
