/**
 * URL query strings → decoded parameter map (form encoding: '+' is a space; last value
 * wins; undecodable escapes are kept as logged). Values are decoded only when needed.
 */
function decode(s: string): string {
  let t = s;
  if (t.indexOf('+') >= 0) t = t.replace(PLUS, ' ');
  if (t.indexOf('%') < 0) return t;
  try {
    return decodeURIComponent(t);
  } catch {
    return t;
  }
}

const PLUS = /\+/g;

/** Parses `a=1&b=x%20y` (with or without a leading '?'). */
export function parseQuery(qs: string): Record<string, string> {
  const out: Record<string, string> = {};
  const n = qs.length;
  let i = qs.charCodeAt(0) === 63 ? 1 : 0;
  while (i < n) {
    let amp = qs.indexOf('&', i);
    if (amp < 0) amp = n;
    if (amp > i) {
      const eq = qs.indexOf('=', i);
      let key: string;
      let value: string;
      if (eq < 0 || eq > amp) {
        key = decode(qs.slice(i, amp));
        value = '';
      } else {
        key = decode(qs.slice(i, eq));
        value = decode(qs.slice(eq + 1, amp));
      }
      if (key !== '' && key !== '__proto__') out[key] = value;
    }
    i = amp + 1;
  }
  return out;
}
