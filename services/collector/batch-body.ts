/**
 * The batch form for clients that buffer (SPEC §1.1):
 *
 *   POST /useractivityvault/v1/useractivity            (no activityName in the path)
 *   { "activities": [ { "activityName": "playbackStart", "accountId": "...", ..., "metadata": {...} }, ... ] }
 *
 * Each item is a single-form body plus its activityName. Items are validated independently: the
 * result lists, per item (by index), the normalised activity or its errors, so one bad item never
 * sinks the good ones. Whole-request errors (body not an object, `activities` missing or not an
 * array, empty, or more than maxItems — rule `maxItems`, which the HTTP layer answers with 413)
 * reject the request as a whole.
 */
import { validateActivity } from './validate-activity.ts';
import type { NormalizedActivity, ValidateOptions } from './validate-activity.ts';
import type { ValidationError } from './validation-error.ts';

export const DEFAULT_BATCH_MAX_ITEMS = 1000;

export type BatchItemResult =
  | { index: number; ok: true; activity: NormalizedActivity }
  | { index: number; ok: false; activityName: string | null; errors: ValidationError[] };

export type BatchParseResult =
  | { ok: true; items: BatchItemResult[]; accepted: number; rejected: number }
  | { ok: false; errors: ValidationError[] };

export interface BatchOptions extends ValidateOptions {
  /** Largest number of items accepted in one request (default 1000). */
  maxItems?: number;
}

export function parseBatchBody(body: unknown, opts: BatchOptions = {}): BatchParseResult {
  const maxItems = opts.maxItems ?? DEFAULT_BATCH_MAX_ITEMS;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ field: '$', rule: 'type', message: 'the body must be a JSON object {"activities": [...]}' }] };
  }
  const list = (body as Record<string, unknown>)['activities'];
  if (list === undefined || list === null) {
    return { ok: false, errors: [{ field: 'activities', rule: 'required', message: 'activities is required: an array of activities' }] };
  }
  if (!Array.isArray(list)) {
    return { ok: false, errors: [{ field: 'activities', rule: 'type', message: 'activities must be an array' }] };
  }
  if (list.length === 0) {
    return { ok: false, errors: [{ field: 'activities', rule: 'required', message: 'activities must not be empty' }] };
  }
  if (list.length > maxItems) {
    return { ok: false, errors: [{ field: 'activities', rule: 'maxItems', message: `at most ${maxItems} activities per request (got ${list.length})` }] };
  }
  const items: BatchItemResult[] = new Array<BatchItemResult>(list.length);
  let accepted = 0;
  for (let index = 0; index < list.length; index++) {
    const item: unknown = list[index];
    const name = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>)['activityName'] : undefined;
    const r = validateActivity(name, item, opts);
    if (r.ok) {
      items[index] = { index, ok: true, activity: r.activity };
      accepted++;
    } else {
      items[index] = { index, ok: false, activityName: typeof name === 'string' ? name : null, errors: r.errors };
    }
  }
  return { ok: true, items, accepted, rejected: list.length - accepted };
}
