/**
 * CTA-5004 Common Media Client Data (CMCD), query-argument form:
 *   ?CMCD=<URL-encoded payload>   payload = key[=value] joined by ','
 * String values are double-quoted (with \" and \\ escapes) and may contain commas;
 * token values (ot, sf, st) and numbers are bare; a key without a value is boolean true.
 * Known keys land in typed fields; anything else (custom `vendor-key`s, later versions,
 * values of the wrong type) is kept as text in `other`.
 */
import type { AccessCmcd } from '../../../avro/generated/index.ts';

function emptyCmcd(): AccessCmcd {
  return {
    br: null, bl: null, bs: null, cid: null, d: null, dl: null, mtp: null, nor: null, nrr: null,
    ot: null, pr: null, rtp: null, sf: null, sid: null, st: null, su: null, tb: null, v: null,
    other: {},
  };
}

const INT = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

function toInt(value: string | true): number | null {
  if (value === true || !INT.test(value)) return null;
  const n = Number(value);
  return n <= 2147483647 && n >= -2147483648 ? n : null;
}

function toBool(value: string | true): boolean | null {
  if (value === true || value === 'true' || value === '?1') return true;
  if (value === 'false' || value === '?0') return false;
  return null;
}

function toText(value: string | true): string | null {
  return value === true ? null : value;
}

/** Stores one key; returns false when the value did not fit the key's type. */
function assign(c: AccessCmcd, key: string, value: string | true): boolean {
  switch (key) {
    case 'br': return (c.br = toInt(value)) !== null;
    case 'bl': return (c.bl = toInt(value)) !== null;
    case 'd': return (c.d = toInt(value)) !== null;
    case 'dl': return (c.dl = toInt(value)) !== null;
    case 'mtp': return (c.mtp = toInt(value)) !== null;
    case 'rtp': return (c.rtp = toInt(value)) !== null;
    case 'tb': return (c.tb = toInt(value)) !== null;
    case 'v': return (c.v = toInt(value)) !== null;
    case 'bs': return (c.bs = toBool(value)) !== null;
    case 'su': return (c.su = toBool(value)) !== null;
    case 'pr':
      if (value === true || !DECIMAL.test(value)) return false;
      c.pr = Number(value);
      return true;
    case 'cid': return (c.cid = toText(value)) !== null;
    case 'nor': return (c.nor = toText(value)) !== null;
    case 'nrr': return (c.nrr = toText(value)) !== null;
    case 'sid': return (c.sid = toText(value)) !== null;
    case 'ot': return (c.ot = toText(value)) !== null;
    case 'sf': return (c.sf = toText(value)) !== null;
    case 'st': return (c.st = toText(value)) !== null;
    default: return false;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Parses a decoded CMCD payload, e.g. `br=3200,bs,cid="a,b",ot=v,sid="6e2f"`. Null when it holds no key. */
export function parseCmcd(payload: string): AccessCmcd | null {
  const n = payload.length;
  let c: AccessCmcd | null = null;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(payload.charCodeAt(i))) i++;
    const ks = i;
    let ch = payload.charCodeAt(i);
    while (i < n && ch !== 61 && ch !== 44) ch = payload.charCodeAt(++i); // '=' ','
    let ke = i;
    while (ke > ks && isSpace(payload.charCodeAt(ke - 1))) ke--;
    const key = payload.slice(ks, ke);
    let value: string | true = true;
    if (i < n && ch === 61) {
      i++;
      if (payload.charCodeAt(i) === 34) {
        // quoted string with \" and \\ escapes
        i++;
        let s = '';
        let from = i;
        while (i < n) {
          const q = payload.charCodeAt(i);
          if (q === 92 && i + 1 < n) {
            s += payload.slice(from, i);
            from = i + 1;
            i += 2;
            continue;
          }
          if (q === 34) break;
          i++;
        }
        s += payload.slice(from, i);
        value = s;
        if (i < n) i++; // closing quote
        while (i < n && payload.charCodeAt(i) !== 44) i++;
      } else {
        const vs = i;
        while (i < n && payload.charCodeAt(i) !== 44) i++;
        value = payload.slice(vs, i).trim();
      }
    }
    i++; // ','
    if (key === '') continue;
    c ??= emptyCmcd();
    if (!assign(c, key, value)) c.other[key] = value === true ? 'true' : value;
  }
  return c;
}

/** Finds the CMCD argument in a raw (encoded) query string and parses it. */
export function parseCmcdFromQuery(query: string): AccessCmcd | null {
  const q = query.charCodeAt(0) === 63 ? query.slice(1) : query;
  for (const part of q.split('&')) {
    if (part.startsWith('CMCD=')) {
      const raw = part.slice(5).replace(/\+/g, ' ');
      let decoded: string;
      try {
        decoded = decodeURIComponent(raw);
      } catch {
        decoded = raw;
      }
      return parseCmcd(decoded);
    }
  }
  return null;
}
