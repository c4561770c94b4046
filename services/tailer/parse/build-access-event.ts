/**
 * Turns one line's field values (by field id, already split and unquoted by a format
 * parser) into an AccessEvent: validates the required fields, splits the URL, decodes
 * the query and CMCD, parses numbers and the byte range, and replaces every IP by its
 * keyed hash and truncated form.
 */
import { isIP } from 'node:net';
import type { AccessEvent, AccessIpHashSource } from '../../../avro/generated/index.ts';
import { F } from './access-fields.ts';
import type { RawFields } from './access-fields.ts';
import type { AccessContext } from './access-context.ts';
import { parseByteRange } from './byte-range.ts';
import { parseCmcd } from './parse-cmcd.ts';
import { parseQuery } from './parse-query.ts';
import { record, reject } from './parse-result.ts';
import type { LineResult } from './parse-result.ts';

/** Digits only → number; '' / null → null; anything else → NaN. */
function digitsOf(s: string | null): number | null {
  if (s === null) return null;
  const n = s.length;
  if (n === 0) return null;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return n > 15 && !Number.isSafeInteger(v) ? NaN : v;
}

function status(s: string | null): number {
  if (s === null || s.length !== 3) return NaN;
  const v = digitsOf(s);
  return v !== null && v >= 100 && v <= 599 ? v : NaN;
}

function optInt(s: string | null): number | null {
  const v = digitsOf(s);
  return v === null || Number.isNaN(v) || v > 2147483647 ? null : v;
}

function optBool(s: string | null): boolean | null {
  if (s === null) return null;
  if (s === '1') return true;
  if (s === '0') return false;
  switch (s.toLowerCase()) {
    case '1': case 'true': case 'yes': case 'y': return true;
    case '0': case 'false': case 'no': case 'n': return false;
    default: return null;
  }
}

/** An optional field: the column, else a query parameter of the same name. */
function pick(v: RawFields, id: number, query: Record<string, string> | null, name: string): string | null {
  const c = v[id] ?? null;
  if (c !== null || query === null) return c;
  return query[name] ?? null;
}

function durationMs(seconds: string | null, millis: string | null): number | null {
  const s = seconds ?? millis;
  if (s === null) return null;
  const v = Number(s);
  if (!Number.isFinite(v) || v < 0) return null;
  return Math.round(seconds !== null ? v * 1000 : v);
}

/**
 * `dateRaw`/`timeRaw` are the date and time as logged, `timeMs` their parsed value
 * (NaN when invalid), computed by the format parser.
 */
export function buildAccessEvent(
  v: RawFields,
  dateRaw: string,
  timeRaw: string,
  timeMs: number,
  lineNo: number,
  ctx: AccessContext,
): LineResult<AccessEvent> {
  const ip = v[F.IP] ?? null;
  const hashedIp = v[F.HASHED_IP] ?? null;
  if (ip === null && hashedIp === null) return reject('MISSING_FIELD', 'ip: missing');
  const method = v[F.METHOD] ?? null;
  if (method === null) return reject('MISSING_FIELD', 'method: missing');
  const st = status(v[F.STATUS] ?? null);
  if (Number.isNaN(st)) return reject('BAD_STATUS', `status: not an HTTP status: ${v[F.STATUS] ?? '(missing)'}`);
  if (Number.isNaN(timeMs)) return reject('BAD_DATE', `date/time: invalid: ${dateRaw} ${timeRaw}`);

  // URL → path + query
  let url = v[F.URL] ?? null;
  let path: string;
  let qs: string | null;
  if (url !== null) {
    const q = url.indexOf('?');
    path = q < 0 ? url : url.slice(0, q);
    qs = q < 0 ? (v[F.URI_QUERY] ?? null) : url.slice(q + 1);
  } else {
    const stem = v[F.URI_STEM] ?? null;
    if (stem === null) return reject('MISSING_FIELD', 'url: missing');
    path = stem;
    qs = v[F.URI_QUERY] ?? null;
    url = qs === null ? stem : stem + '?' + qs;
  }
  if (url.length === 0) return reject('MISSING_FIELD', 'url: empty');
  const query = qs === null || qs === '' ? {} : parseQuery(qs);
  const cmcdText = qs === null ? undefined : query['CMCD'];
  const cmcd = cmcdText === undefined ? null : parseCmcd(cmcdText);

  // sizes
  const bytesText = v[F.BYTES] ?? null;
  const bytes = digitsOf(bytesText) ?? 0;
  if (Number.isNaN(bytes)) return reject('BAD_NUMBER', `bytes: not a number: ${bytesText}`);
  let objectSize = digitsOf(v[F.OBJECT_SIZE] ?? null);
  if (objectSize !== null && Number.isNaN(objectSize)) return reject('BAD_NUMBER', `object-size: not a number: ${v[F.OBJECT_SIZE]}`);

  // byte range
  let rangeRaw = v[F.BYTE_RANGE] ?? v[F.CONTENT_RANGE] ?? null;
  let rangeStart: number | null = null;
  let rangeEnd: number | null = null;
  if (rangeRaw !== null) {
    const r = parseByteRange(rangeRaw, objectSize);
    if (r !== null) {
      rangeStart = r.start;
      rangeEnd = r.end;
      if (objectSize === null && r.total !== null) objectSize = r.total;
    }
  } else {
    const rs = v[F.RANGE_START] ?? null;
    if (rs !== null) {
      rangeStart = optInt(rs);
      rangeEnd = optInt(v[F.RANGE_END] ?? null);
      rangeRaw = `${rs}-${v[F.RANGE_END] ?? ''}`;
    }
  }

  // identity: never carry a raw IP
  const hasher = ctx.hasher;
  const ua = v[F.USER_AGENT] ?? '';
  const xff = v[F.XFF] ?? null;
  let forwardedForHashes: string[] = [];
  let forwardedForTruncated: string[] = [];
  let firstForwarded: string | null = null;
  if (xff !== null) {
    const parts = xff.split(',');
    forwardedForHashes = new Array<string>(parts.length);
    forwardedForTruncated = new Array<string>(parts.length);
    for (let i = 0; i < parts.length; i++) {
      const p = (parts[i] as string).trim();
      const h = hasher.ip(p);
      forwardedForHashes[i] = h.hash;
      forwardedForTruncated[i] = h.truncated ?? '';
      if (i === 0 && isIP(p) !== 0) firstForwarded = p;
    }
  }
  let ipHash: string;
  let ipHashSource: AccessIpHashSource;
  let ipTruncated: string | null;
  if (hashedIp !== null) {
    ipHash = hasher.text('hashed_ip', hashedIp);
    ipHashSource = 'hashed_ip';
    ipTruncated = ip === null ? null : hasher.ip(ip).truncated;
  } else if (firstForwarded !== null) {
    const h = hasher.ip(firstForwarded);
    ipHash = h.hash;
    ipHashSource = 'forwarded_for';
    ipTruncated = h.truncated;
  } else {
    const h = hasher.ip(ip as string);
    ipHash = h.hash;
    ipHashSource = 'ip';
    ipTruncated = h.truncated;
  }

  // optional listener fields: the column, else a query parameter of the same name
  const q = qs === null ? null : query;

  const ev: AccessEvent = {
    format: ctx.format,
    listenerKey: ctx.keyer.key(ipHash, ua),
    ipHash,
    ipHashSource,
    ipTruncated,
    forwardedForHashes,
    forwardedForTruncated,
    userAgent: ua,
    timestamp: timeMs,
    dateRaw,
    timeRaw,
    method,
    status: st,
    url,
    path,
    query,
    protocol: v[F.PROTOCOL] ?? null,
    host: v[F.HOST] ?? null,
    bytes,
    objectSize,
    byteRangeRaw: rangeRaw,
    rangeStart,
    rangeEnd,
    lastByteServed: optBool(v[F.LAST_BYTE_FLAG] ?? null),
    referrer: v[F.REFERRER] ?? null,
    durationMs: durationMs(v[F.DURATION_S] ?? null, v[F.DURATION_MS] ?? null),
    episodeGuid: pick(v, F.EPISODE_GUID, q, 'episode-guid'),
    podcastId: pick(v, F.PODCAST_ID, q, 'podcast-id'),
    vid: pick(v, F.VID, q, 'vid'),
    lsid: pick(v, F.LSID, q, 'lsid'),
    gender: pick(v, F.GENDER, q, 'gender'),
    yob: optInt(pick(v, F.YOB, q, 'yob')),
    age: optInt(pick(v, F.AGE, q, 'age')),
    postalCode: pick(v, F.POSTAL_CODE, q, 'postal-code'),
    hasAds: optBool(pick(v, F.HASADS, q, 'hasads')),
    dev: pick(v, F.DEV, q, 'dev'),
    dist: pick(v, F.DIST, q, 'dist'),
    ss: pick(v, F.SS, q, 'ss'),
    ps: pick(v, F.PS, q, 'ps'),
    cmcd,
    source: { fileId: ctx.opts.fileId, file: ctx.opts.file, line: lineNo },
    tenant: ctx.tenant,
  };
  return record(ev);
}
