/**
 * Byte ranges as they appear in access logs: `2008-19568` (seed 004), a Range header
 * `bytes=0-1`, a Content-Range `bytes 0-1/12345`, open `100-`, suffix `-500`. Only the
 * first range of a multi-range request is taken.
 */
export interface ByteRange {
  /** First byte (inclusive); null for a suffix range without a known size. */
  start: number | null;
  /** Last byte (inclusive); null when open-ended. */
  end: number | null;
  /** Total size from a Content-Range `/total`, else null. */
  total: number | null;
}

function num(s: string, from: number, to: number): number | null {
  if (to <= from) return null;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Fast path for the usual forms, without allocating substrings: `a-b`, `bytes=a-b`,
 * `bytes a-b/total` (digits only, b ≥ a). Null when the text is anything else.
 */
function simpleRange(s: string): ByteRange | null {
  const n = s.length;
  let i = 0;
  if (s.charCodeAt(0) === 98 /* b */) {
    if (!s.startsWith('bytes', 0)) return null;
    const c = s.charCodeAt(5);
    if (c !== 61 && c !== 32) return null; // '=' or ' '
    i = 6;
  }
  let a = 0;
  const aFrom = i;
  let c = s.charCodeAt(i);
  while (c >= 48 && c <= 57) {
    a = a * 10 + c - 48;
    c = s.charCodeAt(++i);
  }
  if (i === aFrom || c !== 45) return null;
  let b = 0;
  const bFrom = ++i;
  c = s.charCodeAt(i);
  while (c >= 48 && c <= 57) {
    b = b * 10 + c - 48;
    c = s.charCodeAt(++i);
  }
  if (i === bFrom || b < a) return null;
  if (i === n) return { start: a, end: b, total: null };
  if (c !== 47) return null; // '/'
  let t = 0;
  const tFrom = ++i;
  c = s.charCodeAt(i);
  while (c >= 48 && c <= 57) {
    t = t * 10 + c - 48;
    c = s.charCodeAt(++i);
  }
  return i === n && i > tFrom ? { start: a, end: b, total: t } : null;
}

/** Parses a byte range; returns null when the text is not a byte range. */
export function parseByteRange(text: string, objectSize: number | null = null): ByteRange | null {
  const fast = simpleRange(text);
  if (fast !== null) return fast;
  let s = text.trim();
  if (s.startsWith('bytes')) s = s.slice(5).replace(/^[=\s]+/, '');
  const comma = s.indexOf(',');
  if (comma >= 0) s = s.slice(0, comma);
  let total: number | null = null;
  const slash = s.indexOf('/');
  if (slash >= 0) {
    const t = s.slice(slash + 1);
    total = t === '*' ? null : num(t, 0, t.length);
    if (total !== null && Number.isNaN(total)) return null;
    s = s.slice(0, slash);
  }
  const dash = s.indexOf('-');
  if (dash < 0) return null;
  const a = num(s, 0, dash);
  const b = num(s, dash + 1, s.length);
  if ((a !== null && Number.isNaN(a)) || (b !== null && Number.isNaN(b))) return null;
  if (a === null && b === null) return null;
  if (a === null) {
    // suffix range: the last b bytes
    const size = total ?? objectSize;
    if (size === null || b === null) return { start: null, end: null, total };
    return { start: Math.max(0, size - b), end: size - 1, total };
  }
  if (b !== null && b < a) return null;
  return { start: a, end: b, total };
}
