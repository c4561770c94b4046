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
import { emptyEnvelope, emptyMetadata, FIELDS, lookupField, MANDATORY_FIELDS } from './activity-fields.ts';
import type { FieldSpec } from './activity-fields.ts';
import { BAD, coerceInfo, coerceValue, isBlank } from './coerce-value.ts';
import type { Coerced } from './coerce-value.ts';
import { CONTENT_TYPE_REQUIRED } from './content-rules.ts';
import type { ContentType } from './content-rules.ts';
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

type Location = 'top' | 'metadata';

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

/** Per-call state. */
class Run {
  readonly errors: ValidationError[] = [];
  /** 0 = unset, else 1 + (home place ? 2 : 0) + (canonical spelling ? 1 : 0). */
  readonly ranks = new Uint8Array(N_FIELDS);
  /** Key (as sent) of the current value of each field. */
  readonly keys: Array<string | undefined> = new Array<string | undefined>(N_FIELDS);
  readonly out: NormalizedActivity;
  readonly custom: Record<string, string> = {};

  constructor(
    activityName: string,
    readonly top: Record<string, unknown>,
    readonly meta: Record<string, unknown> | undefined,
    readonly maxErrors: number,
  ) {
    this.out = {
      activityName,
      ...emptyEnvelope(),
      activityDateTimeMs: null,
      clientLoggedDateTimeMs: null,
      metadata: emptyMetadata(),
      customMetadata: this.custom,
    };
  }

  error(field: string, rule: ValidationRule, message: string): void {
    if (this.errors.length < this.maxErrors) this.errors.push({ field, rule, message });
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
    const cur = this.ranks[i] as number;
    if (cur === 0) {
      this.assign(spec, v);
    } else if (rank > cur) {
      const prevKey = this.keys[i] as string;
      const prevLoc: Location = cur >= 3 ? spec.home : other(spec.home);
      const prevRaw = (prevLoc === 'top' ? this.top : this.meta)?.[prevKey];
      if (prevRaw !== raw) this.keepCustom(prevKey, prevRaw, prevLoc);
      this.assign(spec, v);
    } else {
      const curRaw = (cur >= 3 ? spec.home : other(spec.home)) === 'top' ? this.top[this.keys[i] as string] : this.meta?.[this.keys[i] as string];
      if (curRaw !== raw) this.keepCustom(key, raw, loc);
      return;
    }
    this.ranks[i] = rank;
    this.keys[i] = key;
  }

  private assign(spec: FieldSpec, v: Exclude<Coerced, typeof BAD>): void {
    if (spec.store === 'metadata') {
      (this.out.metadata as unknown as Record<string, unknown>)[spec.name] = v;
      return;
    }
    (this.out as unknown as Record<string, unknown>)[spec.name] = v;
    if (spec.kind === 'dateTime') {
      if (spec.name === 'activityDateTime') this.out.activityDateTimeMs = coerceInfo.epochMs;
      else this.out.clientLoggedDateTimeMs = coerceInfo.epochMs;
    }
  }

  /** Metadata keys win over top-level keys of the same name (metadata is visited first). */
  keepCustom(key: string, raw: unknown, loc: Location): void {
    if (raw === undefined) return;
    if (loc === 'top' && hasOwn(this.custom, key)) return;
    setOwn(this.custom, key, JSON.stringify(raw));
  }

  finish(): void {
    for (const spec of MANDATORY_FIELDS) {
      if (this.ranks[spec.index] === 0) {
        this.error(
          spec.name,
          'required',
          spec.mandatory === 'nonEmpty' ? `${spec.name} is mandatory and must be a non-empty string` : `${spec.name} is mandatory (it may be "")`,
        );
      }
    }
    const ct = this.out.metadata.contentType as ContentType | null;
    if (ct !== null) {
      const md = this.out.metadata as unknown as Record<string, unknown>;
      for (const name of CONTENT_TYPE_REQUIRED[ct]) {
        if (md[name] === null) this.error(`metadata.${name}`, 'required', `${name} is required for contentType ${ct}`);
      }
    }
  }
}

function other(loc: Location): Location {
  return loc === 'top' ? 'metadata' : 'top';
}

/** Checks an activity name; returns the canonical name or pushes an error. */
function checkActivityName(name: unknown, errors: ValidationError[]): string {
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
  return canonicalActivityName(name);
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

  const run = new Run(name, body, meta, opts.maxErrors ?? DEFAULT_MAX_ERRORS);
  for (const e of nameErrors) run.error(e.field, e.rule, e.message);
  if (meta !== undefined) {
    for (const k of Object.keys(meta)) run.visit(k, meta[k], 'metadata');
  }
  for (const k of Object.keys(body)) {
    if (k === 'metadata' || k === 'activityName') continue;
    run.visit(k, body[k], 'top');
  }
  run.finish();
  return run.errors.length > 0 ? { ok: false, errors: run.errors } : { ok: true, activity: run.out };
}
