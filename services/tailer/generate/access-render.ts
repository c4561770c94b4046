/**
 * Renders generated access requests as log lines in each supported format, with the
 * file preamble each format carries (W3C directives, TSV comment and header row).
 */
import type { AccessFormat } from '../../../avro/generated/index.ts';
import { TSV_DEFAULT_COLUMNS } from '../parse/access-fields.ts';
import type { AccessRequest } from './access-model.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** The last second rendered: consecutive lines mostly share it. */
let lastSecond = NaN;
let lastIso = '';

function iso(ms: number): string {
  const sec = Math.floor(ms / 1000);
  if (sec !== lastSecond) {
    lastSecond = sec;
    lastIso = new Date(sec * 1000).toISOString();
  }
  return lastIso;
}

function ymd(ms: number): string {
  return iso(ms).slice(0, 10);
}

function hms(ms: number): string {
  return iso(ms).slice(11, 19);
}

function clf(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${hms(ms)} +0000`;
}

function url(r: AccessRequest): string {
  return r.query === '' ? r.path : `${r.path}?${r.query}`;
}

function range(r: AccessRequest): string | null {
  return r.rangeStart === null ? null : `${r.rangeStart}-${r.rangeEnd ?? ''}`;
}

/** W3C layouts the generator alternates between (so files carry several #Fields blocks). */
export const W3C_LAYOUTS: readonly (readonly string[])[] = [
  ['date', 'time', 'c-ip', 'cs-method', 'cs-uri-stem', 'cs-uri-query', 'sc-status', 'sc-bytes', 'x-object-size', 'cs(Range)', 'time-taken', 'cs(Referer)', 'cs(User-Agent)', 'x-forwarded-for'],
  ['date', 'time', 'c-ip', 'cs-method', 'cs-uri', 'cs-host', 'sc-status', 'sc-bytes', 'sc(Content-Range)', 'time-taken', 'cs(User-Agent)', 'cs(Referer)', 'lsid'],
];

function w3cValue(v: string | number | null): string {
  if (v === null || v === '') return '-';
  return typeof v === 'number' ? String(v) : v.replace(/ /g, '+');
}

function w3cField(name: string, r: AccessRequest): string | number | null {
  switch (name) {
    case 'date': return ymd(r.timeMs);
    case 'time': return hms(r.timeMs);
    case 'c-ip': return r.ip;
    case 'cs-method': return r.method;
    case 'cs-uri-stem': return r.path;
    case 'cs-uri-query': return r.query;
    case 'cs-uri': return url(r);
    case 'cs-host': return r.host;
    case 'sc-status': return r.status;
    case 'sc-bytes': return r.bytes;
    case 'x-object-size': return r.objectSize;
    case 'cs(Range)': return r.rangeStart === null ? null : `bytes=${range(r)}`;
    case 'sc(Content-Range)': return r.rangeStart === null ? null : `bytes ${range(r)}/${r.objectSize}`;
    case 'time-taken': return (r.durationMs / 1000).toFixed(3);
    case 'cs(Referer)': return r.referrer;
    case 'cs(User-Agent)': return r.userAgent;
    case 'x-forwarded-for': return r.xff;
    case 'lsid': return r.lsid;
    default: return null;
  }
}

export function w3cFieldsDirective(layout: readonly string[]): string {
  return `#Fields: ${layout.join(' ')}`;
}

export function renderW3c(r: AccessRequest, layout: readonly string[]): string {
  let s = '';
  for (let i = 0; i < layout.length; i++) s += (i ? ' ' : '') + w3cValue(w3cField(layout[i] as string, r));
  return s;
}

function tsvValue(v: string | number | null): string {
  return v === null || v === '' ? '-' : String(v);
}

/** A TSV line in seed 004's default column order (TSV_DEFAULT_COLUMNS). */
export function renderTsv(r: AccessRequest): string {
  const values: Array<string | number | null> = [
    r.ip, r.hashedIp, r.userAgent, ymd(r.timeMs), hms(r.timeMs), r.method, r.status, url(r), r.bytes, r.objectSize, range(r),
    r.referrer, Math.round(r.durationMs / 1000), r.episodeGuid, r.podcastId, null, r.lsid, null, null, null, null,
    null, r.dev, null, null, null, null, r.xff,
  ];
  return values.map(tsvValue).join('\t');
}

export function tsvHeader(): string {
  return TSV_DEFAULT_COLUMNS.join('\t');
}

const q = (s: string | null): string => `"${s === null || s === '' ? '-' : s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Akamai Luna extended: the 14 tab-separated fields of seed 004. */
export function renderAkamai(r: AccessRequest): string {
  return [
    ymd(r.timeMs), hms(r.timeMs), r.ip, r.method, url(r), r.status, r.bytes, r.durationMs,
    q(r.referrer), q(r.userAgent), '"-"', r.objectSize, range(r) ?? '-', r.lastByte ? 1 : 0,
  ].join('\t');
}

/** Apache/nginx combined; a proxied request gets nginx's trailing "X-Forwarded-For". */
export function renderCombined(r: AccessRequest): string {
  const base = `${r.ip} - - [${clf(r.timeMs)}] "${r.method} ${url(r)} HTTP/1.1" ${r.status} ${r.bytes === 0 ? '-' : r.bytes} ${q(r.referrer)} ${q(r.userAgent)}`;
  return r.xff === null ? base : `${base} ${q(r.xff)}`;
}

export function renderAccessLine(format: AccessFormat, r: AccessRequest, w3cLayout: readonly string[] = W3C_LAYOUTS[0] as readonly string[]): string {
  switch (format) {
    case 'w3c': return renderW3c(r, w3cLayout);
    case 'tsv': return renderTsv(r);
    case 'akamai': return renderAkamai(r);
    case 'combined': return renderCombined(r);
  }
}
