/**
 * The access-log fields Playpulse understands (seed 004's required and optional
 * fields plus their W3C / CloudFront / IIS spellings), as small integer ids so that a
 * parser maps columns to fields once per header and then fills a flat array per line.
 */
export const F = {
  IGNORE: 0,
  IP: 1,
  HASHED_IP: 2,
  USER_AGENT: 3,
  DATE: 4,
  TIME: 5,
  METHOD: 6,
  STATUS: 7,
  URL: 8,
  URI_STEM: 9,
  URI_QUERY: 10,
  BYTES: 11,
  OBJECT_SIZE: 12,
  BYTE_RANGE: 13,
  CONTENT_RANGE: 14,
  RANGE_START: 15,
  RANGE_END: 16,
  REFERRER: 17,
  DURATION_S: 18,
  DURATION_MS: 19,
  EPISODE_GUID: 20,
  PODCAST_ID: 21,
  VID: 22,
  LSID: 23,
  GENDER: 24,
  YOB: 25,
  AGE: 26,
  POSTAL_CODE: 27,
  HASADS: 28,
  DEV: 29,
  DIST: 30,
  SS: 31,
  PS: 32,
  XFF: 33,
  HOST: 34,
  PROTOCOL: 35,
  LAST_BYTE_FLAG: 36,
} as const;

export type FieldId = (typeof F)[keyof typeof F];

/** Number of slots in a RawFields array. */
export const FIELD_COUNT = 37;

/** One line's values by field id; null = absent or empty ('-'). */
export type RawFields = Array<string | null>;

export function newRawFields(): RawFields {
  return new Array<string | null>(FIELD_COUNT).fill(null);
}

const ALIASES: Array<[FieldId, string[]]> = [
  [F.IP, ['ip', 'c-ip', 'client-ip', 'clientip', 'remote-addr', 'remote-ip', 'remote-host', 'remotehost']],
  [F.HASHED_IP, ['hashed-ip', 'hashedip', 'ip-hash', 'iphash', 'c-ip-hash', 'hashed-ip-address', 'x-hashed-ip', 'cs(x-hashed-ip)']],
  [F.USER_AGENT, ['user-agent', 'useragent', 'cs(user-agent)', 'agente-de-usuario', 'ua', 'http-user-agent']],
  [F.DATE, ['date', 'fecha']],
  [F.TIME, ['time', 'start-time', 'starttime', 'tiempo-de-inicio']],
  [F.METHOD, ['method', 'cs-method', 'http-method', 'request-method']],
  [F.STATUS, ['status', 'sc-status', 'status-code', 'http-status', 'estado']],
  [F.URL, ['url', 'uri', 'cs-uri', 'request-uri', 'arl-stem']],
  [F.URI_STEM, ['cs-uri-stem', 'uri-stem', 'path']],
  [F.URI_QUERY, ['cs-uri-query', 'uri-query', 'query', 'query-params', 'query-string', 'querystring']],
  [F.BYTES, ['bytes', 'sc-bytes', 'bytes-sent', 'total-bytes', 'body-bytes-sent']],
  [F.OBJECT_SIZE, ['object-size', 'objectsize', 'x-object-size', 'total-object-size', 'file-size']],
  [F.BYTE_RANGE, ['byte-range', 'byterange', 'range', 'cs(range)', 'intervalo-de-bytes']],
  [F.CONTENT_RANGE, ['content-range', 'sc(content-range)']],
  [F.RANGE_START, ['sc-range-start', 'range-start']],
  [F.RANGE_END, ['sc-range-end', 'range-end']],
  [F.REFERRER, ['referrer', 'referer', 'cs(referer)', 'cs(referrer)', 'http-referer', 'cabecera']],
  [F.DURATION_S, ['duration', 'elapsed', 'elapsed-time', 'x-duration', 'time-taken', 'tiempo-transcurrido']],
  [F.DURATION_MS, ['transfer-time', 'duration-ms']],
  [F.EPISODE_GUID, ['episode-guid', 'episodeguid']],
  [F.PODCAST_ID, ['podcast-id', 'podcastid']],
  [F.VID, ['vid']],
  [F.LSID, ['lsid']],
  [F.GENDER, ['gender', 'genero']],
  [F.YOB, ['yob', 'year-of-birth']],
  [F.AGE, ['age', 'edad']],
  [F.POSTAL_CODE, ['postal-code', 'postalcode', 'zip', 'zipcode', 'codigo-postal']],
  [F.HASADS, ['hasads', 'has-ads']],
  [F.DEV, ['dev']],
  [F.DIST, ['dist']],
  [F.SS, ['ss']],
  [F.PS, ['ps']],
  [F.XFF, ['x-forwarded-for', 'cs(x-forwarded-for)', 'xff', 'forwarded-for', 'http-x-forwarded-for']],
  [F.HOST, ['host', 'cs-host', 'cs(host)']],
  [F.PROTOCOL, ['protocol', 'cs-version', 'cs-protocol-version', 'server-protocol']],
  [F.LAST_BYTE_FLAG, ['last-byte-served-flag', 'last-byte-served']],
];

const BY_NAME = new Map<string, FieldId>();
for (const [id, names] of ALIASES) for (const n of names) BY_NAME.set(n, id);

const SEPARATORS = /[\s_]+/g;

/** Field id for a column name (case-insensitive; '_' and spaces count as '-'), or null if unknown. */
export function fieldIdOf(name: string): FieldId | null {
  return BY_NAME.get(name.trim().toLowerCase().replace(SEPARATORS, '-')) ?? null;
}

/**
 * Seed 004's TSV column order when a file has no header row: the required fields,
 * then the optional ones, in the order the seed's tables list them. A line may stop
 * after any column from the 11th on.
 */
export const TSV_DEFAULT_COLUMNS: readonly string[] = [
  'ip', 'hashed-ip', 'user-agent', 'date', 'start-time', 'method', 'status', 'url', 'bytes', 'object-size', 'byte-range',
  'referrer', 'duration', 'episode-guid', 'podcast-id', 'vid', 'lsid', 'gender', 'yob', 'age', 'postal-code',
  'hasads', 'dev', 'dist', 'ss', 'ps', 'query-params', 'x-forwarded-for',
];

/** Seed 004's required TSV columns (the minimum a header-less line carries). */
export const TSV_REQUIRED_COLUMN_COUNT = 11;

/** Akamai Luna extended log: the 14 tab-separated fields of seed 004, in order. */
export const AKAMAI_COLUMNS: readonly string[] = [
  'date', 'time', 'client-ip', 'http-method', 'arl-stem', 'status-code', 'total-bytes', 'transfer-time',
  'referrer', 'user-agent', 'cookie', 'total-object-size', 'byte-range', 'last-byte-served-flag',
];

/** Column ids for a list of names; unknown names are ignored. */
export function fieldIdsOf(names: readonly string[]): FieldId[] {
  return names.map((n) => fieldIdOf(n) ?? F.IGNORE);
}
