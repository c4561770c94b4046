/**
 * The outcome of parsing one log line: a record, a line to skip (blank, comment,
 * directive, header), or a rejection with a stable code and a human-readable reason
 * (dead-lettered by the tailer with file and line number).
 */
export type RejectCode =
  | 'PARSE_ERROR'
  | 'UNKNOWN_KIND'
  | 'MISSING_FIELD'
  | 'BAD_FIELD'
  | 'WRONG_FIELD_COUNT'
  | 'BAD_STATUS'
  | 'BAD_DATE'
  | 'BAD_NUMBER'
  | 'BAD_REQUEST_LINE'
  | 'NO_FIELDS_DIRECTIVE';

export interface ParsedRecord<T> {
  readonly kind: 'record';
  readonly value: T;
}
export interface SkippedLine {
  readonly kind: 'skip';
}
export interface RejectedLine {
  readonly kind: 'reject';
  readonly code: RejectCode;
  readonly reason: string;
}

export type LineResult<T> = ParsedRecord<T> | SkippedLine | RejectedLine;

/** Shared instance: skipping allocates nothing. */
export const SKIP: SkippedLine = Object.freeze({ kind: 'skip' });

export function reject(code: RejectCode, reason: string): RejectedLine {
  return { kind: 'reject', code, reason };
}

export function record<T>(value: T): ParsedRecord<T> {
  return { kind: 'record', value };
}

/** Where a line came from; copied into the record's `source` so consumers can de-duplicate. */
export interface LineSource {
  readonly fileId: string;
  readonly file: string;
}
