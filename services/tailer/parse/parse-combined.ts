/**
 * The servers' default access log: NCSA combined (Apache `combined`, nginx `combined`),
 *   host ident user [dd/Mon/yyyy:HH:MM:SS ±zzzz] "METHOD uri PROTO" status bytes "referer" "user-agent"
 * Also accepted: the common log format (no referer/user agent); nginx's default `main`
 * format (a trailing "X-Forwarded-For"); Icecast's access log (a trailing number: the
 * connection duration in seconds). Quoted values may use \" \\ and \xHH escapes.
 */
import { F, newRawFields } from './access-fields.ts';
import type { AccessContext } from './access-context.ts';
import type { AccessLineParser } from './access-line-parser.ts';
import { buildAccessEvent } from './build-access-event.ts';
import { parseClfTimeMs } from './date-time.ts';
import { SKIP, reject } from './parse-result.ts';
import { stripCr } from './split-fields.ts';

const NUMBER = /^\d+(\.\d+)?$/;
const HEX2 = /^[0-9a-fA-F]{2}$/;

function unescape(s: string): string {
  let out = '';
  let from = 0;
  let i = s.indexOf('\\');
  while (i >= 0 && i < s.length - 1) {
    out += s.slice(from, i);
    const c = s.charCodeAt(i + 1);
    if (c === 120 /* x */ && i + 3 < s.length) {
      const hex = s.slice(i + 2, i + 4);
      if (HEX2.test(hex)) {
        const code = parseInt(hex, 16);
        out += String.fromCharCode(code);
        from = i + 4;
        i = s.indexOf('\\', from);
        continue;
      }
    }
    out += s.charAt(i + 1);
    from = i + 2;
    i = s.indexOf('\\', from);
  }
  return out + s.slice(from);
}

export function createCombinedParser(ctx: AccessContext): AccessLineParser {
  const raw = newRawFields();
  /** End index (after the closing quote) of the last readQuoted call; -1 when unterminated. */
  let qEnd = 0;

  /** Reads a "quoted" value whose opening quote is at i (a quote preceded by an odd number of backslashes is escaped). */
  function readQuoted(s: string, i: number): string {
    let j = s.indexOf('"', i + 1);
    while (j > 0 && s.charCodeAt(j - 1) === 92) {
      let k = j - 1;
      let backslashes = 0;
      while (k > i && s.charCodeAt(k) === 92) {
        backslashes++;
        k--;
      }
      if ((backslashes & 1) === 0) break;
      j = s.indexOf('"', j + 1);
    }
    if (j < 0) {
      qEnd = -1;
      return '';
    }
    qEnd = j + 1;
    const v = s.slice(i + 1, j);
    return v.indexOf('\\') >= 0 ? unescape(v) : v;
  }

  return {
    parseLine(input, lineNo) {
      const s = stripCr(input);
      if (s.length === 0 || s.charCodeAt(0) === 35) return SKIP;
      const sp = s.indexOf(' ');
      const lb = s.indexOf(' [', sp > 0 ? sp : 0);
      if (sp <= 0 || lb < 0) return reject('PARSE_ERROR', 'not a combined log line: no [time]');
      const rb = s.indexOf('] ', lb + 2);
      if (rb < 0) return reject('PARSE_ERROR', 'not a combined log line: unterminated [time]');
      const stamp = s.slice(lb + 2, rb);
      const colon = stamp.indexOf(':');
      const dateRaw = colon < 0 ? stamp : stamp.slice(0, colon);
      const timeRaw = colon < 0 ? '' : stamp.slice(colon + 1);
      let i = rb + 2;
      if (s.charCodeAt(i) !== 34) return reject('BAD_REQUEST_LINE', 'request line: missing');
      const request = readQuoted(s, i);
      if (qEnd < 0) return reject('BAD_REQUEST_LINE', 'request line: unterminated quote');
      i = qEnd;

      // status and bytes
      if (s.charCodeAt(i) !== 32) return reject('PARSE_ERROR', 'expected status after request line');
      const st = i + 1;
      const se = s.indexOf(' ', st);
      const statusText = se < 0 ? s.slice(st) : s.slice(st, se);
      let bytesText: string | null = null;
      i = se < 0 ? s.length : se + 1;
      if (se >= 0) {
        const be = s.indexOf(' ', i);
        bytesText = be < 0 ? s.slice(i) : s.slice(i, be);
        i = be < 0 ? s.length : be + 1;
      }
      if (bytesText === null || bytesText === '') return reject('PARSE_ERROR', 'bytes: missing');

      raw.fill(null);
      raw[F.IP] = s.slice(0, sp);
      raw[F.STATUS] = statusText;
      raw[F.BYTES] = bytesText === '-' ? null : bytesText;

      // "referer" "user-agent", then optional extras
      let quotedSeen = 0;
      while (i < s.length) {
        const c = s.charCodeAt(i);
        if (c === 32) {
          i++;
          continue;
        }
        if (c === 34) {
          const v = readQuoted(s, i);
          if (qEnd < 0) return reject('PARSE_ERROR', 'unterminated quoted field');
          i = qEnd;
          const val = v === '-' || v === '' ? null : v;
          if (quotedSeen === 0) raw[F.REFERRER] = val;
          else if (quotedSeen === 1) raw[F.USER_AGENT] = val;
          else if (quotedSeen === 2) raw[F.XFF] = val;
          quotedSeen++;
        } else {
          let e = s.indexOf(' ', i);
          if (e < 0) e = s.length;
          const tok = s.slice(i, e);
          if (raw[F.DURATION_S] === null && NUMBER.test(tok)) raw[F.DURATION_S] = tok;
          i = e;
        }
      }

      // request line: METHOD URI [PROTOCOL]
      if (request === '-' || request === '') return reject('BAD_REQUEST_LINE', `request line: "${request}"`);
      const m = request.indexOf(' ');
      if (m <= 0) return reject('BAD_REQUEST_LINE', 'request line: no URI');
      const p = request.lastIndexOf(' ');
      let uri: string;
      if (p > m && request.startsWith('HTTP/', p + 1)) {
        uri = request.slice(m + 1, p);
        raw[F.PROTOCOL] = request.slice(p + 1);
      } else {
        uri = request.slice(m + 1);
      }
      if (uri === '') return reject('BAD_REQUEST_LINE', 'request line: no URI');
      raw[F.METHOD] = request.slice(0, m);
      raw[F.URL] = uri;
      return buildAccessEvent(raw, dateRaw, timeRaw, parseClfTimeMs(stamp), lineNo, ctx);
    },
  };
}
