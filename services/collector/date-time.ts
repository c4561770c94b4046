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

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const DIGITS = /^\d{1,16}$/;
const MIN_EPOCH_MS = 1e11;
const MAX_EPOCH_MS = 253402300799999; // 9999-12-31T23:59:59.999Z

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Epoch ms of an accepted date-time string, else null. */
export function parseDateTimeString(s: string): number | null {
  if (DIGITS.test(s)) return epochMs(Number(s));
  const m = RFC3339.exec(s);
  if (m === null) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const sec = Number(m[6]);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 60) return null;
  const frac = m[7];
  const ms = frac === undefined ? 0 : Number((frac + '00').slice(0, 3));
  let offsetMin = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const sign = zone.charCodeAt(0) === 45 /* - */ ? -1 : 1;
    const digits = zone.length === 6 ? zone.slice(1, 3) + zone.slice(4) : zone.slice(1);
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offsetMin * 60_000;
}

/** The value as epoch ms if it is an integer in the accepted range, else null. */
export function epochMs(n: number): number | null {
  return Number.isSafeInteger(n) && n >= MIN_EPOCH_MS && n <= MAX_EPOCH_MS ? n : null;
}
