/**
 * Splitting helpers shared by the access-log parsers.
 */

/** Reusable output for splitQuoted: the fields and whether each was quoted. */
export interface SplitOut {
  fields: string[];
  quoted: boolean[];
}

export function newSplitOut(): SplitOut {
  return { fields: [], quoted: [] };
}

/**
 * Splits a W3C extended line on spaces/tabs, honouring "quoted strings" (a quote inside
 * is written as two quotes). Runs of separators count as one. Fills `out`.
 */
export function splitQuoted(line: string, out: SplitOut): void {
  const fields = out.fields;
  const quoted = out.quoted;
  fields.length = 0;
  quoted.length = 0;
  const n = line.length;
  let i = 0;
  while (i < n) {
    let c = line.charCodeAt(i);
    while (i < n && (c === 32 || c === 9)) c = line.charCodeAt(++i);
    if (i >= n) break;
    if (c === 34) {
      let s = '';
      let from = ++i;
      while (i < n) {
        if (line.charCodeAt(i) === 34) {
          if (line.charCodeAt(i + 1) === 34) {
            s += line.slice(from, i + 1);
            i += 2;
            from = i;
            continue;
          }
          break;
        }
        i++;
      }
      s += line.slice(from, i);
      i++;
      fields.push(s);
      quoted.push(true);
    } else {
      const from = i;
      while (i < n && c !== 32 && c !== 9) c = line.charCodeAt(++i);
      fields.push(line.slice(from, i));
      quoted.push(false);
    }
  }
}

/** Removes one pair of surrounding double quotes, if present. */
export function unquote(s: string): string {
  const n = s.length;
  return n >= 2 && s.charCodeAt(0) === 34 && s.charCodeAt(n - 1) === 34 ? s.slice(1, n - 1) : s;
}

/** Strips a trailing CR (files with CRLF line ends). */
export function stripCr(line: string): string {
  const n = line.length;
  return n > 0 && line.charCodeAt(n - 1) === 13 ? line.slice(0, n - 1) : line;
}

/** scanFields result when `quoted` is 'bail' and a field starts with a double quote. */
export const QUOTED_FIELD = -1;

/**
 * Scans a line split on `sep` (a char code) straight into `raw` by column id, without
 * building an array of fields: `-` and empty cells stay null. `quoted`: 'strip' removes
 * one pair of surrounding double quotes, 'bail' returns QUOTED_FIELD as soon as a field
 * starts with one (the caller then takes a quote-aware path), 'keep' leaves them.
 * Columns beyond `ids` are counted but not stored. Returns the number of columns.
 */
export function scanFields(
  line: string,
  sep: number,
  ids: readonly number[],
  raw: Array<string | null>,
  quoted: 'strip' | 'bail' | 'keep',
): number {
  const n = line.length;
  const width = ids.length;
  const sepChar = sep === 9 ? '\t' : ' ';
  const strip = quoted === 'strip';
  const bail = quoted === 'bail';
  let start = 0;
  let col = 0;
  for (;;) {
    if (bail && line.charCodeAt(start) === 34) return QUOTED_FIELD;
    let end = line.indexOf(sepChar, start);
    if (end < 0) end = n;
    if (col < width) {
      const id = ids[col] as number;
      if (id !== 0) {
        let s = start;
        let e = end;
        if (strip && e - s >= 2 && line.charCodeAt(s) === 34 && line.charCodeAt(e - 1) === 34) {
          s++;
          e--;
        }
        if (e > s && !(e - s === 1 && line.charCodeAt(s) === 45)) raw[id] = line.slice(s, e);
      }
    }
    col++;
    if (end >= n) return col;
    start = end + 1;
  }
}
