/**
 * Validation and normalisation of one UAV activity body (seeds 001, 002; SPEC §1.1). Pure and
 * allocation-light: one pass over the keys the client sent, table lookups, precompiled regexes.
 *
 * Rules:
 *  - activityName: any name of letters, digits, `_`, `-`, `.` starting with a letter, at most 64
 *    characters (custom names are accepted and stored); known names are canonicalised.
 *  - the body is a JSON object; `metadata`, when present and not null, is a JSON object.
 *  - mandatory (seed 001): accountId and deviceId non-empty strings; userId and key strings that may be "".
 *  - known fields are type-checked (activity-fields.ts, coerce-value.ts); blank values ("" or null)
 *    of optional fields mean "not reported" (seed: any metadata value can be left blank).
 *  - contentType, when present: live-event needs editorialId, technicalId, programmeId; every other
 *    content type needs editorialId (seed 002) — for every activity that carries a contentType.
 *  - both spellings of a field are accepted (editorialID/editorialId, ...) and stored once under the
 *    canonical name. A field sent in the other place (metadata vs top level) is accepted too. When a
 *    field arrives twice, the value in the seed's place wins over the other place, and the canonical
 *    spelling over a variant; a losing value that differs is kept in customMetadata under its key.
 *  - unknown metadata keys are kept in customMetadata (JSON-encoded values); so are unknown top-level
 *    keys, unless metadata has the same key. A top-level `activityName` key is ignored (the URL or
 *    the batch item names the activity).
 */
import { ACTIVITY_NAME_PATTERN, canonicalActivityName } from './activity-names.ts';
import { fieldIndex, FIELDS, lookupField, MANDATORY_FIELDS } from './activity-fields.ts';
import type { FieldSpec } from './activity-fields.ts';
import { BAD, coerceInfo, coerceValue, isBlank } from './coerce-value.ts';
import { CONTENT_TYPE_REQUIRED } from './content-rules.ts';
import type { ContentType } from './content-rules.ts';
import { buildNormalized } from './normalized-activity.ts';
import type { NormalizedActivity } from './normalized-activity.ts';
import type { ValidationError, ValidationRule } from './validation-error.ts';

export { KNOWN_ACTIVITIES, isKnownActivity, canonicalActivityName } from './activity-names.ts';
export type { NormalizedActivity } from './normalized-activity.ts';
export type { ValidationError, ValidationRule } from './validation-error.ts';

export type ValidationResult = { ok: true; activity: NormalizedActivity } | { ok: false; errors: ValidationError[] };

export interface ValidateOptions {
  /** Stop collecting errors after this many (default 50). */
  maxErrors?: number;
}

const DEFAULT_MAX_ERRORS = 50;
const N_FIELDS = FIELDS.length;
const CONTENT_TYPE_INDEX = fieldIndex('contentType');
const CONTENT_REQUIRED_FIELDS = Object.fromEntries(
  Object.entries(CONTENT_TYPE_REQUIRED).map(([ct, names]) => [ct, names.map((n) => FIELDS[fieldIndex(n)] as FieldSpec)]),
) as Record<ContentType, FieldSpec[]>;

type Location = 'top' | 'metadata';

/** Rank of a value: 1 + (in the seed's place ? 2 : 0) + (canonical spelling ? 1 : 0). */
const TOP_RANK = 4;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function setOwn(obj: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function hasOwn(obj: Record<string, string>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

function other(loc: Location): Location {
  return loc === 'top' ? 'metadata' : 'top';
}

/** Per-call state. */
class Run {
  errors: ValidationError[] | null = null;
  /** Value of each field by FIELDS index; undefined = not set. */
  readonly vals: unknown[] = new Array<unknown>(N_FIELDS).fill(undefined);
  /**
   * Key and rank of field values that are not canonical-in-place (rank < 4), by field index.
   * Created on first need: a client using canonical names never allocates it.
   */
  weak: Map<number, { rank: number; key: string }> | null = null;
  activityDateTimeMs: number | null = null;
  clientLoggedDateTimeMs: number | null = null;
  readonly custom: Record<string, string> = {};

  constructor(
    readonly top: Record<string, unknown>,
    readonly meta: Record<string, unknown> | undefined,
    readonly maxErrors: number,
  ) {}

  error(field: string, rule: ValidationRule, message: string): void {
    const errors = (this.errors ??= []);
    if (errors.length < this.maxErrors) errors.push({ field, rule, message });
  }

  private rawAt(loc: Location, key: string): unknown {
    return loc === 'top' ? this.top[key] : this.meta?.[key];
  }

  /** One key of the body (top level or metadata). */
  visit(key: string, raw: unknown, loc: Location): void {
    const spec = lookupField(key);
    if (spec === undefined) {
      this.keepCustom(key, raw, loc);
      return;
    }
    if (isBlank(raw) && !(spec.mandatory === 'present' && raw === '')) return;
    const v = coerceValue(spec, raw);
    if (v === BAD) {
      this.error(loc === 'top' ? key : `metadata.${key}`, coerceInfo.rule, `${spec.name} ${coerceInfo.message}`);
      return;
    }
    const rank = 1 + (loc === spec.home ? 2 : 0) + (spec.name === key ? 1 : 0);
    const i = spec.index;
    if (this.vals[i] !== undefined) {
      // The field is set already: the higher rank wins, a tie keeps the first.
      const w = this.weak?.get(i);
      const curRank = w?.rank ?? TOP_RANK;
      const curKey = w?.key ?? spec.name;
      const curLoc: Location = curRank >= 3 ? spec.home : other(spec.home);
      const curRaw = this.rawAt(curLoc, curKey);
      if (rank <= curRank) {
        if (curRaw !== raw) this.keepCustom(key, raw, loc);
        return;
      }
      if (curRaw !== raw) this.keepCustom(curKey, curRaw, curLoc);
    }
    this.vals[i] = v;
    if (spec.kind === 'dateTime') {
      if (spec.name === 'activityDateTime') this.activityDateTimeMs = coerceInfo.epochMs;
      else this.clientLoggedDateTimeMs = coerceInfo.epochMs;
    }
    if (rank < TOP_RANK) (this.weak ??= new Map()).set(i, { rank, key });
    else this.weak?.delete(i);
  }

  /** Metadata keys win over top-level keys of the same name (metadata is visited first). */
  keepCustom(key: string, raw: unknown, loc: Location): void {
    if (raw === undefined) return;
    if (loc === 'top' && hasOwn(this.custom, key)) return;
    setOwn(this.custom, key, JSON.stringify(raw));
  }

  finish(): void {
    for (const spec of MANDATORY_FIELDS) {
      if (this.vals[spec.index] === undefined) {
        this.error(
          spec.name,
          'required',
          spec.mandatory === 'nonEmpty' ? `${spec.name} is mandatory and must be a non-empty string` : `${spec.name} is mandatory (it may be "")`,
        );
      }
    }
    const ct = this.vals[CONTENT_TYPE_INDEX] as ContentType | undefined;
    if (ct !== undefined) {
      for (const f of CONTENT_REQUIRED_FIELDS[ct]) {
        if (this.vals[f.index] === undefined) this.error(`metadata.${f.name}`, 'required', `${f.name} is required for contentType ${ct}`);
      }
    }
  }
}

/** Valid names seen, to their canonical spelling (bounded: clients choose names). */
const NAME_CACHE = new Map<string, string>();
const NAME_CACHE_MAX = 1024;

/** Checks an activity name; returns the canonical name or pushes an error. */
function checkActivityName(name: unknown, errors: ValidationError[]): string {
  if (typeof name === 'string') {
    const known = NAME_CACHE.get(name);
    if (known !== undefined) return known;
  }
  if (typeof name !== 'string' || name.length === 0) {
    errors.push({ field: 'activityName', rule: 'required', message: 'activityName is required' });
    return '';
  }
  if (!ACTIVITY_NAME_PATTERN.test(name)) {
    errors.push({
      field: 'activityName',
      rule: 'format',
      message: 'activityName must start with a letter and contain only letters, digits, _, - and . (at most 64 characters)',
    });
    return '';
  }
  const canonical = canonicalActivityName(name);
  if (NAME_CACHE.size < NAME_CACHE_MAX) NAME_CACHE.set(name, canonical);
  return canonical;
}

/**
 * Validates one activity: its name (from the URL or batch item) and its JSON body (already parsed).
 * Returns the normalised activity, or every error found (up to maxErrors).
 */
export function validateActivity(activityName: unknown, body: unknown, opts: ValidateOptions = {}): ValidationResult {
  const nameErrors: ValidationError[] = [];
  const name = checkActivityName(activityName, nameErrors);
  if (!isObject(body)) {
    nameErrors.push({ field: '$', rule: 'type', message: 'the body must be a JSON object' });
    return { ok: false, errors: nameErrors };
  }
  const rawMeta = body['metadata'];
  let meta: Record<string, unknown> | undefined;
  if (isObject(rawMeta)) meta = rawMeta;
  else if (rawMeta !== undefined && rawMeta !== null) nameErrors.push({ field: 'metadata', rule: 'type', message: 'metadata must be a JSON object' });

  const run = new Run(body, meta, opts.maxErrors ?? DEFAULT_MAX_ERRORS);
  if (nameErrors.length > 0) run.errors = nameErrors;
  if (meta !== undefined) {
    for (const k of Object.keys(meta)) run.visit(k, meta[k], 'metadata');
  }
  for (const k of Object.keys(body)) {
    if (k === 'metadata' || k === 'activityName') continue;
    run.visit(k, body[k], 'top');
  }
  run.finish();
  if (run.errors !== null) return { ok: false, errors: run.errors };
  return { ok: true, activity: buildNormalized(name, run.vals, run.activityDateTimeMs, run.clientLoggedDateTimeMs, run.custom) };
}
