/**
 * Allocation-free parsers for the timestamps found in log lines. Each returns
 * milliseconds since the epoch (UTC) or NaN when the text is not a valid date/time
 * (including impossible calendar dates such as 2021-02-30).
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = m === 2 && isLeap(y) ? 29 : (DAYS_IN_MONTH[m - 1] as number);
  return d <= dim;
}

/** Value of the decimal digit at i, or -1. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Value of `n` decimal digits starting at i, or -1. */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = digit(s, i + k);
    if (c < 0) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** `YYYY-MM-DD` at offset i → ms at 00:00 UTC of that day, or NaN. */
export function parseYmdMs(s: string, i = 0): number {
  if (s.charCodeAt(i + 4) !== 45 || s.charCodeAt(i + 7) !== 45) return NaN; // '-'
  const y = digits(s, i, 4);
  const m = digits(s, i + 5, 2);
  const d = digits(s, i + 8, 2);
  if (y < 0 || m < 0 || d < 0 || !validYmd(y, m, d)) return NaN;
  return Date.UTC(y, m - 1, d);
}

/**
 * `HH:MM:SS` with optional fraction at offset i → ms since midnight, or NaN.
 * Returns NaN when characters other than the fraction follow (unless `allowTrailing`).
 */
export function parseHmsMs(s: string, i = 0, allowTrailing = false): number {
  if (s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return NaN; // ':'
  const h = digits(s, i, 2);
  const mi = digits(s, i + 3, 2);
  const sec = digits(s, i + 6, 2);
  if (h < 0 || mi < 0 || sec < 0 || h > 23 || mi > 59 || sec > 60) return NaN;
  let ms = 0;
  let j = i + 8;
  if (s.charCodeAt(j) === 46) {
    // '.', take up to 3 digits, ignore the rest of the fraction
    j++;
    let scale = 100;
    const start = j;
    while (j < s.length) {
      const c = digit(s, j);
      if (c < 0) break;
      if (scale >= 1) {
        ms += c * scale;
        scale /= 10;
      }
      j++;
    }
    if (j === start) return NaN;
  }
  if (!allowTrailing && j !== s.length) return NaN;
  return h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
}

/**
 * RFC 3339 / ISO 8601 date-time `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` → ms, or NaN.
 * Fractions longer than milliseconds (the seed logs nanoseconds) are truncated.
 */
export function parseRfc3339Ms(s: string): number {
  if (s.length < 20) return NaN;
  const day = parseYmdMs(s, 0);
  if (Number.isNaN(day)) return NaN;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && sep !== 32) return NaN; // T t ' '
  const tod = parseHmsMs(s, 11, true);
  if (Number.isNaN(tod)) return NaN;
  // find the zone designator after the fraction
  let j = 19;
  if (s.charCodeAt(j) === 46) {
    j++;
    while (digit(s, j) >= 0) j++;
  }
  const z = s.charCodeAt(j);
  if (z === 90 || z === 122) return j + 1 === s.length ? day + tod : NaN; // Z z
  if ((z === 43 || z === 45) && j + 6 === s.length && s.charCodeAt(j + 3) === 58) {
    const oh = digits(s, j + 1, 2);
    const om = digits(s, j + 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return NaN;
    const off = (oh * 60 + om) * 60_000;
    return z === 43 ? day + tod - off : day + tod + off;
  }
  return NaN;
}

function monthFromAbbrev(s: string, i: number): number {
  switch (s.slice(i, i + 3)) {
    case 'Jan': return 1;
    case 'Feb': return 2;
    case 'Mar': return 3;
    case 'Apr': return 4;
    case 'May': return 5;
    case 'Jun': return 6;
    case 'Jul': return 7;
    case 'Aug': return 8;
    case 'Sep': return 9;
    case 'Oct': return 10;
    case 'Nov': return 11;
    case 'Dec': return 12;
    default: return -1;
  }
}

/** The last day seen by parseClfTimeMs (`dd/Mon/yyyy`) and its ms: lines come in time order. */
let clfLastDay = '';
let clfLastDayMs = NaN;

/** Common/combined log format time `dd/Mon/yyyy:HH:MM:SS ±hhmm` → ms, or NaN. */
export function parseClfTimeMs(s: string): number {
  if (s.length !== 26 || s.charCodeAt(2) !== 47 || s.charCodeAt(6) !== 47 || s.charCodeAt(11) !== 58 || s.charCodeAt(20) !== 32) {
    return NaN;
  }
  let dayMs: number;
  if (clfLastDay !== '' && s.startsWith(clfLastDay)) {
    dayMs = clfLastDayMs;
  } else {
    const d = digits(s, 0, 2);
    const m = monthFromAbbrev(s, 3);
    const y = digits(s, 7, 4);
    if (d < 0 || m < 0 || y < 0 || !validYmd(y, m, d)) return NaN;
    dayMs = Date.UTC(y, m - 1, d);
    clfLastDay = s.slice(0, 11);
    clfLastDayMs = dayMs;
  }
  const tod = parseHmsMs(s, 12, true);
  if (Number.isNaN(tod) || s.charCodeAt(20) !== 32) return NaN;
  const sign = s.charCodeAt(21);
  const oh = digits(s, 22, 2);
  const om = digits(s, 24, 2);
  if ((sign !== 43 && sign !== 45) || oh < 0 || om < 0) return NaN;
  const off = (oh * 60 + om) * 60_000;
  const local = dayMs + tod;
  return sign === 43 ? local - off : local + off;
}
