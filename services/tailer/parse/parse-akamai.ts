/**
 * Akamai Luna "Flag Log extended + termination" format (seed 004), 14 TAB-separated fields:
 *   date_YYYY-MM-DD  time_HH:MM:SS  client_ip  http_method  arl_stem  status_code
 *   total_bytes  transfer_time  "referrer"  "user_agent"  "cookie"  total_object_size
 *   byte_range  last_byte_served_flag
 * Quoted fields lose their quotes; `-` means empty; the cookie is not kept (it can carry
 * personal identifiers and seed 004 does not use it); transfer_time is taken as ms.
 */
import { AKAMAI_COLUMNS, F, fieldIdsOf, newRawFields } from './access-fields.ts';
import type { FieldId } from './access-fields.ts';
import type { AccessContext } from './access-context.ts';
import type { AccessLineParser } from './access-line-parser.ts';
import { buildAccessEvent } from './build-access-event.ts';
import { SKIP, reject } from './parse-result.ts';
import { scanFields, stripCr } from './split-fields.ts';

const IDS: readonly FieldId[] = fieldIdsOf(AKAMAI_COLUMNS);

export function createAkamaiParser(ctx: AccessContext): AccessLineParser {
  const raw = newRawFields();
  return {
    parseLine(input, lineNo) {
      const line = stripCr(input);
      if (line.length === 0 || line.charCodeAt(0) === 35) return SKIP;
      raw.fill(null);
      const count = scanFields(line, 9, IDS, raw, 'strip');
      if (count !== IDS.length) {
        return reject('WRONG_FIELD_COUNT', `expected ${IDS.length} tab-separated fields, got ${count}`);
      }
      const date = raw[F.DATE] ?? null;
      const time = raw[F.TIME] ?? null;
      if (date === null) return reject('MISSING_FIELD', 'date: missing');
      if (time === null) return reject('MISSING_FIELD', 'time: missing');
      return buildAccessEvent(raw, date, time, ctx.dateTimeMs(date, time), lineNo, ctx);
    },
  };
}
