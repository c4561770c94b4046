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
import { newSplitOut, splitQuoted, stripCr } from './split-fields.ts';

const PLUS = /\+/g;
const WHITESPACE = /[ \t]+/;

/** Field ids whose unquoted values have `+` for space. */
const PLUS_DECODED = new Set<FieldId>([
  F.USER_AGENT, F.EPISODE_GUID, F.PODCAST_ID, F.VID, F.LSID, F.GENDER, F.POSTAL_CODE,
  F.DEV, F.DIST, F.SS, F.PS, F.XFF, F.DATE, F.TIME, F.BYTE_RANGE, F.CONTENT_RANGE,
]);

export function createW3cParser(ctx: AccessContext): AccessLineParser {
  let ids: FieldId[] | null = null;
  let plus: boolean[] = [];
  let directiveDate: string | null = null;
  const raw = newRawFields();
  const split = newSplitOut();

  function directive(line: string): void {
    const colon = line.indexOf(':');
    if (colon < 0) return;
    const name = line.slice(1, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'fields') {
      const names = value.split(WHITESPACE).filter((s) => s !== '');
      ids = names.map((n) => fieldIdOf(n) ?? F.IGNORE);
      plus = ids.map((id) => PLUS_DECODED.has(id));
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
      let fields: string[];
      let quoted: boolean[] | null = null;
      if (line.indexOf('"') >= 0) {
        splitQuoted(line, split);
        fields = split.fields;
        quoted = split.quoted;
      } else {
        fields = line.indexOf('\t') >= 0 ? line.split('\t') : line.split(' ');
        if (fields.length !== cols.length) fields = line.trim().split(WHITESPACE);
      }
      if (fields.length !== cols.length) {
        return reject('WRONG_FIELD_COUNT', `expected ${cols.length} fields (per #Fields), got ${fields.length}`);
      }
      raw.fill(null);
      for (let i = 0; i < cols.length; i++) {
        const id = cols[i] as FieldId;
        if (id === F.IGNORE) continue;
        let val = fields[i] as string;
        const q = quoted !== null && quoted[i] === true;
        if (!q && (val === '-' || val === '')) continue;
        if (!q && plus[i] === true && val.indexOf('+') >= 0) val = val.replace(PLUS, ' ');
        raw[id] = val;
      }
      const date = raw[F.DATE] ?? directiveDate;
      const time = raw[F.TIME] ?? null;
      if (date === null) return reject('MISSING_FIELD', 'date: missing (no date field and no #Date directive)');
      if (time === null) return reject('MISSING_FIELD', 'time: missing');
      return buildAccessEvent(raw, date, time, ctx.dateTimeMs(date, time), lineNo, ctx);
    },
  };
}
