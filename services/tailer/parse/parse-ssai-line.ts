/**
 * Parses one line of a Brightcove SSAI ad-tracking log (seed 003: JSON lines of kind
 * AdRequest, Creative, SessionSummary, Impression) into an SsaiEvent.
 *
 * - Blank lines are skipped; leading indentation (as in the seed's sample file) is fine.
 * - uint64 span ids are taken from the raw text when they exceed 2^53 (no precision loss).
 * - Header maps accept both map[string][]string (AdRequest) and map[string]string
 *   (Impression, as in the seed's samples) and are normalised to lists.
 * - Fractional nanosecond durations (Impression) are rounded to whole ns.
 * - Top-level members outside the seed's tables are kept in `extra` as JSON text.
 * - Viewer IPs are never carried raw: headers that carry client addresses
 *   (X-Forwarded-For, X-Real-IP, …) get the keyed hash of each address when
 *   `ipHashKey` is set, and are dropped otherwise.
 */
import type {
  SsaiAdSummary,
  SsaiEvent,
  SsaiImpressionSummary,
  SsaiKind,
  SsaiSessionSummary,
} from '../../../avro/generated/index.ts';
import { isIP } from 'node:net';
import { parseRfc3339Ms } from './date-time.ts';
import { sharedIpHasher } from './ip-hasher.ts';
import type { IpHasher } from './ip-hasher.ts';
import { integerTextOf } from './integer-text.ts';
import { SKIP, record, reject } from './parse-result.ts';
import type { LineResult, LineSource, RejectCode } from './parse-result.ts';

export interface SsaiParseOptions extends LineSource {
  readonly tenant?: string | null;
  /** Key for hashing client IPs found in request headers; without it those headers are dropped. */
  readonly ipHashKey?: string;
}

export interface SsaiParser {
  parseLine(line: string, lineNo: number): LineResult<SsaiEvent>;
}

export function createSsaiParser(opts: SsaiParseOptions): SsaiParser {
  return { parseLine: (line, lineNo) => parseSsaiLine(line, lineNo, opts) };
}

class FieldError extends Error {
  constructor(
    readonly code: RejectCode,
    message: string,
  ) {
    super(message);
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: Json | undefined, field: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new FieldError('BAD_FIELD', `${field}: expected a string`);
}

function num(v: Json | undefined, field: string): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new FieldError('BAD_FIELD', `${field}: expected a number`);
  return n;
}

function int(v: Json | undefined, field: string): number | null {
  const n = num(v, field);
  if (n === null) return null;
  if (!Number.isInteger(n) || n > 2147483647 || n < -2147483648) throw new FieldError('BAD_FIELD', `${field}: expected a 32-bit integer`);
  return n;
}

/** ns durations: whole nanoseconds as a safe integer (fractions rounded). */
function nanos(v: Json | undefined, field: string): number | null {
  const n = num(v, field);
  if (n === null) return null;
  const r = Math.round(n);
  if (!Number.isSafeInteger(r)) throw new FieldError('BAD_FIELD', `${field}: duration out of range`);
  return r;
}

function bool(v: Json | undefined, field: string): boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new FieldError('BAD_FIELD', `${field}: expected a boolean`);
}

const DIGITS = /^-?\d+$/;

function spanId(v: Json | undefined, line: string, quotedKey: string, field: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) return String(v);
    const text = integerTextOf(line, quotedKey);
    if (text !== null) return text;
  } else if (typeof v === 'string' && DIGITS.test(v)) {
    return v;
  }
  throw new FieldError('BAD_FIELD', `${field}: expected an unsigned 64-bit integer`);
}

function headers(v: Json | undefined, field: string, hasher: IpHasher | null): Record<string, string[]> | null {
  if (v === null || v === undefined) return null;
  if (!isObject(v)) throw new FieldError('BAD_FIELD', `${field}: expected an object`);
  const out: Record<string, string[]> = {};
  for (const name in v) {
    const h = v[name] as Json;
    if (name === '__proto__') continue;
    if (IP_HEADERS.has(name.toLowerCase())) {
      if (hasher === null) continue;
      const list = Array.isArray(h) ? h : h === null ? [] : [h];
      out[name] = list.map((x) => hashAddresses(str(x, `${field}.${name}`) ?? '', hasher));
      continue;
    }
    if (Array.isArray(h)) {
      const list: string[] = new Array<string>(h.length);
      for (let i = 0; i < h.length; i++) list[i] = str(h[i], `${field}.${name}`) ?? '';
      out[name] = list;
    } else if (h === null) {
      out[name] = [];
    } else {
      out[name] = [str(h, `${field}.${name}`) as string];
    }
  }
  return out;
}

/** Request headers whose values are client IP addresses. */
const IP_HEADERS = new Set([
  'x-forwarded-for', 'x-real-ip', 'true-client-ip', 'cf-connecting-ip', 'x-client-ip', 'x-cluster-client-ip',
  'forwarded', 'x-device-ip', 'x-originating-ip', 'client-ip',
]);

/** Replaces each comma-separated address by its keyed hash (non-IP tokens are hashed as text). */
function hashAddresses(value: string, hasher: IpHasher): string {
  return value
    .split(',')
    .map((t) => {
      const a = t.trim();
      return isIP(a) !== 0 ? hasher.ip(a).hash : hasher.text('header', a);
    })
    .join(', ');
}

function impressionSummaries(v: Json | undefined, field: string): SsaiImpressionSummary[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw new FieldError('BAD_FIELD', `${field}: expected an array`);
  const out: SsaiImpressionSummary[] = new Array<SsaiImpressionSummary>(v.length);
  for (let i = 0; i < v.length; i++) {
    const imp = v[i];
    if (!isObject(imp)) throw new FieldError('BAD_FIELD', `${field}[${i}]: expected an object`);
    out[i] = { type: str(imp['type'], `${field}[${i}].type`), url: str(imp['url'], `${field}[${i}].url`) };
  }
  return out;
}

function adSummaries(v: Json | undefined): SsaiAdSummary[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw new FieldError('BAD_FIELD', 'ads: expected an array');
  const out: SsaiAdSummary[] = new Array<SsaiAdSummary>(v.length);
  for (let i = 0; i < v.length; i++) {
    const ad = v[i];
    if (!isObject(ad)) throw new FieldError('BAD_FIELD', `ads[${i}]: expected an object`);
    out[i] = {
      type: str(ad['type'], `ads[${i}].type`),
      fk: str(ad['fk'], `ads[${i}].fk`),
      cdur: nanos(ad['cdur'], `ads[${i}].cdur`),
      imps: impressionSummaries(ad['imps'], `ads[${i}].imps`),
    };
  }
  return out;
}

function firstNonSpace(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10 && c !== 0xfeff) return c;
  }
  return -1;
}

function isKind(v: unknown): v is SsaiKind {
  return v === 'AdRequest' || v === 'Creative' || v === 'SessionSummary' || v === 'Impression';
}

export function parseSsaiLine(line: string, lineNo: number, opts: SsaiParseOptions): LineResult<SsaiEvent> {
  const first = firstNonSpace(line);
  if (first < 0) return SKIP;
  if (first !== 123) return reject('PARSE_ERROR', 'not a JSON object');
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    return reject('PARSE_ERROR', `invalid JSON: ${(err as Error).message}`);
  }
  if (!isObject(parsed)) return reject('PARSE_ERROR', 'not a JSON object');
  try {
    return record(toEvent(parsed, line, lineNo, opts));
  } catch (err) {
    if (err instanceof FieldError) return reject(err.code, err.message);
    throw err;
  }
}

function toEvent(o: JsonObject, line: string, lineNo: number, opts: SsaiParseOptions): SsaiEvent {
  const kind = o['kind'];
  if (kind === undefined || kind === null) throw new FieldError('MISSING_FIELD', 'kind: missing');
  if (!isKind(kind)) throw new FieldError('UNKNOWN_KIND', `kind: unknown kind ${JSON.stringify(kind)}`);
  const sessionId = o['session_id'];
  if (typeof sessionId !== 'string' || sessionId === '') throw new FieldError('MISSING_FIELD', 'session_id: missing');
  const timestamp = o['timestamp'];
  if (typeof timestamp !== 'string') throw new FieldError('MISSING_FIELD', 'timestamp: missing');
  const timestampMs = parseRfc3339Ms(timestamp);
  if (Number.isNaN(timestampMs)) throw new FieldError('BAD_DATE', `timestamp: not RFC 3339: ${timestamp}`);

  const ev: SsaiEvent = {
    kind,
    session_id: sessionId,
    timestamp,
    timestampMs,
    summary_id: null,
    adbreak_id: null,
    account_id: null,
    live_account_id: null,
    video_id: null,
    live_job_id: null,
    live_app_id: null,
    title_id: null,
    region: null,
    span_id: null,
    parent_span_id: null,
    error: null,
    url: null,
    request_headers: null,
    response_headers: null,
    status_code: null,
    duration: null,
    adRequest: kind === 'AdRequest' ? { provider: null } : null,
    creative: kind === 'Creative' ? { state: null, fk: null, record_id: null, source_url: null } : null,
    sessionSummary:
      kind === 'SessionSummary'
        ? { odur: null, rdur: null, sdur: null, ad_count: null, sls: null, client_only_tracking: null, ads: [] }
        : null,
    impression: kind === 'Impression' ? { impression_type: null } : null,
    extra: {},
    source: { fileId: opts.fileId, file: opts.file, line: lineNo },
    tenant: opts.tenant ?? null,
  };
  const ar = ev.adRequest;
  const cr = ev.creative;
  const ss: SsaiSessionSummary | null = ev.sessionSummary;
  const im = ev.impression;
  const hasher = opts.ipHashKey ? sharedIpHasher(opts.ipHashKey) : null;

  for (const k in o) {
    const v = o[k];
    switch (k) {
      case 'kind':
      case 'session_id':
      case 'timestamp':
        continue;
      case 'summary_id': ev.summary_id = str(v, k); continue;
      case 'adbreak_id': ev.adbreak_id = str(v, k); continue;
      case 'account_id': ev.account_id = str(v, k); continue;
      case 'live_account_id': ev.live_account_id = str(v, k); continue;
      case 'video_id': ev.video_id = str(v, k); continue;
      case 'live_job_id': ev.live_job_id = str(v, k); continue;
      case 'live_app_id': ev.live_app_id = str(v, k); continue;
      case 'title_id': ev.title_id = str(v, k); continue;
      case 'region': ev.region = str(v, k); continue;
      case 'span_id': ev.span_id = spanId(v, line, '"span_id"', k); continue;
      case 'parent_span_id': ev.parent_span_id = spanId(v, line, '"parent_span_id"', k); continue;
      case 'error': ev.error = bool(v, k); continue;
      case 'url': ev.url = str(v, k); continue;
      case 'request_headers': ev.request_headers = headers(v, k, hasher); continue;
      case 'response_headers': ev.response_headers = headers(v, k, hasher); continue;
      case 'status_code': ev.status_code = int(v, k); continue;
      case 'duration': ev.duration = nanos(v, k); continue;
      case 'provider':
        if (ar) { ar.provider = str(v, k); continue; }
        break;
      case 'state':
        if (cr) { cr.state = str(v, k); continue; }
        break;
      case 'fk':
        if (cr) { cr.fk = str(v, k); continue; }
        break;
      case 'record_id':
        if (cr) { cr.record_id = str(v, k); continue; }
        break;
      case 'source_url':
        if (cr) { cr.source_url = str(v, k); continue; }
        break;
      case 'odur':
        if (ss) { ss.odur = nanos(v, k); continue; }
        break;
      case 'rdur':
        if (ss) { ss.rdur = nanos(v, k); continue; }
        break;
      case 'sdur':
        if (ss) { ss.sdur = nanos(v, k); continue; }
        break;
      case 'ad_count':
        if (ss) { ss.ad_count = int(v, k); continue; }
        break;
      case 'sls':
        if (ss) { ss.sls = bool(v, k); continue; }
        break;
      case 'client_only_tracking':
        if (ss) { ss.client_only_tracking = bool(v, k); continue; }
        break;
      case 'ads':
        if (ss) { ss.ads = adSummaries(v); continue; }
        break;
      case 'impression_type':
        if (im) { im.impression_type = str(v, k); continue; }
        break;
      default:
        break;
    }
    if (k !== '__proto__') ev.extra[k] = JSON.stringify(v);
  }
  return ev;
}
