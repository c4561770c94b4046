/**
 * Type checks and coercions of one field value by kind (see activity-fields.ts). Numbers may be
 * sent as numeric strings ("12.5") — the seed's metadata is a "key-value pair format" and its
 * later examples quote numbers ("depth": "<depth>") — and are stored as numbers. Ids are never
 * coerced from numbers: a JSON number id may already have lost digits (beyond 2^53) or leading zeros.
 *
 * coerceValue returns the stored value or BAD; on BAD, coerceInfo.rule/message say why. A module-level
 * scratch object instead of result objects keeps the hot path free of allocations (all synchronous).
 */
import { canonicalContentSource, canonicalContentType, CONTENT_SOURCES, CONTENT_TYPES } from './content-rules.ts';
import { epochMs, parseDateTimeString } from './date-time.ts';
import type { FieldSpec } from './activity-fields.ts';
import type { ValidationRule } from './validation-error.ts';

export const BAD: unique symbol = Symbol('bad');
export type Coerced = string | number | boolean | number[] | typeof BAD;

export const coerceInfo: { rule: ValidationRule; message: string; epochMs: number } = {
  rule: 'type',
  message: '',
  /** Epoch ms of the last successfully coerced dateTime value. */
  epochMs: 0,
};

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const LIST_SEPARATOR = /[\s,;|]+/;
const EVENT_ID = /^[\x21-\x7e]{1,128}$/;
const INT_MAX = 2147483647;

function bad(rule: ValidationRule, message: string): typeof BAD {
  coerceInfo.rule = rule;
  coerceInfo.message = message;
  return BAD;
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.length <= 64 && NUMERIC.test(v)) {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function nonNegativeNumber(v: unknown): number | typeof BAD {
  const n = toNumber(v);
  if (n === undefined) return bad('type', 'must be a number');
  if (n < 0) return bad('range', 'must be >= 0');
  return n;
}

function integer(v: unknown, max: number): number | typeof BAD {
  const n = toNumber(v);
  if (n === undefined || !Number.isInteger(n)) return bad('type', 'must be an integer');
  if (n < 0) return bad('range', 'must be >= 0');
  if (n > max) return bad('range', `must be at most ${max}`);
  return n;
}

function doubleList(v: unknown): number[] | typeof BAD {
  const items: unknown[] = typeof v === 'string' ? v.trim().split(LIST_SEPARATOR) : Array.isArray(v) ? v : [];
  if (typeof v !== 'string' && !Array.isArray(v)) return bad('type', 'must be an array of numbers or a text list of numbers');
  if (items.length > 256) return bad('maxLength', 'must have at most 256 entries');
  const out: number[] = [];
  for (const item of items) {
    const n = toNumber(item);
    if (n === undefined) return bad('type', 'must be an array of numbers or a text list of numbers');
    if (n < 0) return bad('range', 'entries must be >= 0');
    out.push(n);
  }
  return out;
}

function str(v: unknown, max: number): string | typeof BAD {
  if (typeof v !== 'string') return bad('type', 'must be a string');
  if (v.length > max) return bad('maxLength', `must be at most ${max} characters`);
  return v;
}

/** Whether a value means "left blank" (seed: any metadata value can be left blank). */
export function isBlank(v: unknown): boolean {
  return v === null || v === '' || v === undefined;
}

export function coerceValue(spec: FieldSpec, v: unknown): Coerced {
  switch (spec.kind) {
    case 'string':
      return str(v, spec.maxLength);
    case 'eventId':
      if (typeof v !== 'string') return bad('type', 'must be a string');
      return EVENT_ID.test(v) ? v : bad('format', 'must be 1 to 128 printable ASCII characters without spaces');
    case 'errorCode':
      if (typeof v === 'number' && Number.isFinite(v)) return String(v);
      return str(v, spec.maxLength);
    case 'double':
      return nonNegativeNumber(v);
    case 'long':
      return integer(v, Number.MAX_SAFE_INTEGER);
    case 'int':
      return integer(v, INT_MAX);
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'True' || v === 'TRUE') return true;
      if (v === 'false' || v === 'False' || v === 'FALSE') return false;
      return bad('type', 'must be true or false');
    case 'doubleList':
      return doubleList(v);
    case 'dateTime': {
      let ms: number | null = null;
      let raw: string;
      if (typeof v === 'string') {
        if (v.length > 64) return bad('maxLength', 'must be at most 64 characters');
        raw = v;
        ms = parseDateTimeString(v);
      } else if (typeof v === 'number') {
        raw = String(v);
        ms = epochMs(v);
      } else {
        return bad('type', 'must be a date-time string (or epoch milliseconds)');
      }
      if (ms === null) return bad('format', 'must be an ISO 8601 date-time such as 2024-05-01T12:30:00Z (or epoch milliseconds)');
      coerceInfo.epochMs = ms;
      return raw;
    }
    case 'contentType': {
      if (typeof v !== 'string') return bad('type', 'must be a string');
      return canonicalContentType(v) ?? bad('enum', `must be one of ${CONTENT_TYPES.join(', ')}`);
    }
    case 'contentSource': {
      const s = Array.isArray(v) && v.length === 1 ? (v[0] as unknown) : v;
      if (typeof s !== 'string') return bad('type', 'must be a string');
      return canonicalContentSource(s) ?? bad('enum', `must be one of ${CONTENT_SOURCES.join(', ')}`);
    }
  }
}
