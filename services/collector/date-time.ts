/**
 * Parsing of activityDateTime / clientLoggedDateTime. The seed only says "date and time in UTC";
 * the platform's examples use `<YYYY>-<MM>-<DD>T<hh>:<mm>:<ss>Z`. Accepted:
 *  - RFC 3339 / ISO 8601 extended: `2024-05-01T12:30:00Z`, with optional fraction (1–9 digits,
 *    `.` or `,`), `T`, `t` or a space as separator, zone `Z`/`z`, `±hh:mm`, `±hhmm` or `±hh`;
 *    without a zone the time is taken as UTC (the seed says activityDateTime is UTC);
 *  - epoch milliseconds as a JSON integer or a string of digits, from 1e11 (March 1973) on —
 *    smaller values are most likely epoch seconds and are refused rather than misread.
 * Sub-millisecond digits are truncated. Calendar validity is checked (no 2023-02-30).
 */

const MIN_EPOCH_MS = 1e11;
const MAX_EPOCH_MS = 253402300799999; // 9999-12-31T23:59:59.999Z

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Value of the decimal digit at i, or -1. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Two digits at i as a number, or -1. */
function two(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/**
 * Epoch ms of an accepted date-time string, else null. Hand-written scanner (no regex match
 * arrays): this runs twice per event on the collector's hot path.
 */
export function parseDateTimeString(s: string): number | null {
  const n = s.length;
  if (n === 0) return null;
  if (n <= 16) {
    let all = true;
    for (let i = 0; i < n; i++) if (digit(s, i) < 0) { all = false; break; }
    if (all) return epochMs(Number(s));
  }
  if (n < 19) return null;
  const y1 = two(s, 0);
  const y2 = two(s, 2);
  const mo = two(s, 5);
  const d = two(s, 8);
  const h = two(s, 11);
  const mi = two(s, 14);
  const sec = two(s, 17);
  if (y1 < 0 || y2 < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return null;
  const sep = s.charCodeAt(10);
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32 /* space */) return null;
  const y = y1 * 100 + y2;
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 60) return null;
  let i = 19;
  let ms = 0;
  const dot = s.charCodeAt(i);
  if (dot === 46 /* . */ || dot === 44 /* , */) {
    i++;
    const from = i;
    while (i < n && digit(s, i) >= 0) {
      if (i - from < 3) ms = ms * 10 + digit(s, i);
      i++;
    }
    const len = i - from;
    if (len === 0 || len > 9) return null;
    if (len === 1) ms *= 100;
    else if (len === 2) ms *= 10;
  }
  let offsetMin = 0;
  if (i < n) {
    const z = s.charCodeAt(i);
    if (z === 90 /* Z */ || z === 122 /* z */) {
      i++;
    } else if (z === 43 /* + */ || z === 45 /* - */) {
      const oh = two(s, i + 1);
      if (oh < 0 || oh > 23) return null;
      i += 3;
      let om = 0;
      if (i < n) {
        if (s.charCodeAt(i) === 58 /* : */) i++;
        om = two(s, i);
        if (om < 0 || om > 59) return null;
        i += 2;
      }
      offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
    } else {
      return null;
    }
  }
  if (i !== n) return null;
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offsetMin * 60_000;
}

/** The value as epoch ms if it is an integer in the accepted range, else null. */
export function epochMs(n: number): number | null {
  return Number.isSafeInteger(n) && n >= MIN_EPOCH_MS && n <= MAX_EPOCH_MS ? n : null;
}
