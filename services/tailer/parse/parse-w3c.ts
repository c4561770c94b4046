/**
 * W3C extended log format (https://www.w3.org/TR/WD-logfile-960221.html), as written by
 * streaming servers, IIS and CloudFront:
 * - `#Fields:` names the columns and may change mid-file (each block uses the latest);
 *   `#Version`, `#Software`, `#Remark`, … are skipped; `#Date:` supplies the date when
 *   lines carry only `time`.
 * - Columns are separated by spaces or tabs; `-` means empty; values may be "quoted"
 *   (a quote inside doubled); unquoted text fields encode spaces as `+` (decoded for
 *   user agent, ranges and listener attributes, kept in URIs, referrers and hashes,
 *   where `+` is a literal character).
 */
import { F, fieldIdOf, newRawFields } from './access-fields.ts';
import type { FieldId } from './access-fields.ts';
import type { AccessContext } from './access-context.ts';
import type { AccessLineParser } from './access-line-parser.ts';
import { buildAccessEvent } from './build-access-event.ts';
import { SKIP, reject } from './parse-result.ts';
import { QUOTED_FIELD, newSplitOut, scanFields, splitQuoted, stripCr } from './split-fields.ts';

const SLOTS = 512;

/**
 * `+` → space, memoised in a small direct-mapped cache: the same user agents recur on
 * most lines, and a slot picked from the length and a few characters plus one string
 * comparison is cheaper than replacing (or than hashing the whole string for a Map).
 */
function createPlusDecoder(): (s: string) => string {
  const raw: string[] = new Array<string>(SLOTS).fill('');
  const decoded: string[] = new Array<string>(SLOTS).fill('');
  return (s: string): string => {
    const n = s.length;
    if (s.indexOf('+') < 0) return s;
    const slot = (n * 31 + s.charCodeAt(n >> 1) * 7 + s.charCodeAt(n - 1) + s.charCodeAt(n >> 2) * 3) & (SLOTS - 1);
    if (raw[slot] === s) return decoded[slot] as string;
    const v = s.replaceAll('+', ' ');
    raw[slot] = s;
    decoded[slot] = v;
    return v;
  };
}

const WHITESPACE = /[ \t]+/;

/** Field ids whose unquoted values have `+` for space. */
const PLUS_DECODED = new Set<FieldId>([
  F.USER_AGENT, F.EPISODE_GUID, F.PODCAST_ID, F.VID, F.LSID, F.GENDER, F.POSTAL_CODE,
  F.DEV, F.DIST, F.SS, F.PS, F.XFF, F.DATE, F.TIME, F.BYTE_RANGE, F.CONTENT_RANGE,
]);

export function createW3cParser(ctx: AccessContext): AccessLineParser {
  let ids: FieldId[] | null = null;
  let plus: boolean[] = [];
  let plusCols: FieldId[] = [];
  /** Separator of the current #Fields block (9 tab, 32 space), learnt from its first data line; 0 = not yet. */
  let sep = 0;
  let directiveDate: string | null = null;
  const raw = newRawFields();
  const split = newSplitOut();
  const plusToSpace = createPlusDecoder();

  function directive(line: string): void {
    const colon = line.indexOf(':');
    if (colon < 0) return;
    const name = line.slice(1, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'fields') {
      const names = value.split(WHITESPACE).filter((s) => s !== '');
      ids = names.map((n) => fieldIdOf(n) ?? F.IGNORE);
      plus = ids.map((id) => PLUS_DECODED.has(id));
      plusCols = [...new Set(ids.filter((id) => PLUS_DECODED.has(id)))];
      sep = 0;
    } else if (name === 'date' || name === 'start-date') {
      if (value.length >= 10) directiveDate = value.slice(0, 10);
    }
  }

  return {
    parseLine(input, lineNo) {
      const line = stripCr(input);
      if (line.length === 0) return SKIP;
      if (line.charCodeAt(0) === 35) {
        directive(line);
        return SKIP;
      }
      const cols = ids;
      if (cols === null) return reject('NO_FIELDS_DIRECTIVE', 'data line before any #Fields directive');
      raw.fill(null);
      // fast path: no field starts with a quote; the separator is learnt per #Fields block
      if (sep === 0) sep = line.indexOf('\t') >= 0 ? 9 : 32;
      let count = scanFields(line, sep, cols, raw, 'bail');
      if (count !== cols.length && count !== QUOTED_FIELD) {
        // the other separator, or runs of blanks between fields
        raw.fill(null);
        const fields = line.trim().split(WHITESPACE);
        count = fields.length;
        if (count === cols.length) {
          for (let i = 0; i < count; i++) {
            const id = cols[i] as FieldId;
            const val = fields[i] as string;
            if (id !== F.IGNORE && val !== '-') raw[id] = val;
          }
        }
      }
      if (count === QUOTED_FIELD) {
        // slow path: "quoted strings"
        raw.fill(null);
        splitQuoted(line, split);
        const fields = split.fields;
        if (fields.length !== cols.length) {
          return reject('WRONG_FIELD_COUNT', `expected ${cols.length} fields (per #Fields), got ${fields.length}`);
        }
        for (let i = 0; i < cols.length; i++) {
          const id = cols[i] as FieldId;
          if (id === F.IGNORE) continue;
          const val = fields[i] as string;
          if (split.quoted[i] === true) raw[id] = val;
          else if (val !== '-' && val !== '') raw[id] = plus[i] === true ? plusToSpace(val) : val;
        }
      } else {
        if (count !== cols.length) {
          return reject('WRONG_FIELD_COUNT', `expected ${cols.length} fields (per #Fields), got ${count}`);
        }
        for (let i = 0; i < plusCols.length; i++) {
          const id = plusCols[i] as FieldId;
          const val = raw[id];
          if (val !== null && val !== undefined) raw[id] = plusToSpace(val);
        }
      }
      const date = raw[F.DATE] ?? directiveDate;
      const time = raw[F.TIME] ?? null;
      if (date === null) return reject('MISSING_FIELD', 'date: missing (no date field and no #Date directive)');
      if (time === null) return reject('MISSING_FIELD', 'time: missing');
      return buildAccessEvent(raw, date, time, ctx.dateTimeMs(date, time), lineNo, ctx);
    },
  };
}
