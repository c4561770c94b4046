/**
 * Tab-separated access logs (seed 004): one line per request, TAB (0x09) between
 * fields, LF line ends, `#` starts a comment line, the header row is optional.
 * - A header row (the first non-comment line, recognised when most of its cells are
 *   known field names) fixes the columns; every line must then have as many fields.
 * - Without a header, seed 004's field order applies (TSV_DEFAULT_COLUMNS, or the
 *   configured `tsvColumns`): the 11 required fields, optionally followed by the
 *   optional ones in order.
 * - `-` or an empty cell means empty.
 */
import { F, TSV_DEFAULT_COLUMNS, TSV_REQUIRED_COLUMN_COUNT, fieldIdOf, fieldIdsOf, newRawFields } from './access-fields.ts';
import type { FieldId } from './access-fields.ts';
import type { AccessContext } from './access-context.ts';
import type { AccessLineParser } from './access-line-parser.ts';
import { buildAccessEvent } from './build-access-event.ts';
import { SKIP, reject } from './parse-result.ts';
import { scanFields, stripCr, unquote } from './split-fields.ts';

/** True when most cells of a line are known field names (and there are at least 3 of them). */
export function looksLikeHeader(cells: readonly string[]): boolean {
  let known = 0;
  for (const c of cells) if (fieldIdOf(unquote(c)) !== null) known++;
  return known >= 3 && known * 2 >= cells.length;
}

export function createTsvParser(ctx: AccessContext): AccessLineParser {
  const configured = ctx.opts.tsvColumns;
  let ids: FieldId[] = fieldIdsOf(configured ?? TSV_DEFAULT_COLUMNS);
  let minFields = configured ? ids.length : TSV_REQUIRED_COLUMN_COUNT;
  let maxFields = ids.length;
  let headerChecked = false;
  const raw = newRawFields();

  return {
    parseLine(input, lineNo) {
      const line = stripCr(input);
      if (line.length === 0 || line.charCodeAt(0) === 35) return SKIP;
      if (!headerChecked) {
        headerChecked = true;
        const cells = line.split('\t');
        if (looksLikeHeader(cells)) {
          ids = cells.map((c) => fieldIdOf(unquote(c)) ?? F.IGNORE);
          minFields = maxFields = ids.length;
          return SKIP;
        }
      }
      raw.fill(null);
      const n = scanFields(line, 9, ids, raw, 'keep');
      if (n < minFields || n > maxFields) {
        const expected = minFields === maxFields ? `${minFields}` : `${minFields}-${maxFields}`;
        return reject('WRONG_FIELD_COUNT', `expected ${expected} tab-separated fields, got ${n}`);
      }
      const date = raw[F.DATE] ?? null;
      const time = raw[F.TIME] ?? null;
      if (date === null) return reject('MISSING_FIELD', 'date: missing');
      if (time === null) return reject('MISSING_FIELD', 'start time: missing');
      return buildAccessEvent(raw, date, time, ctx.dateTimeMs(date, time), lineNo, ctx);
    },
  };
}
