/**
 * Guesses an access log's format from its first lines, with the file name as a
 * tie-breaker when the content says nothing (e.g. only comments):
 * - W3C extended: a `#Version:`, `#Fields:`, `#Software:`, `#Date:` or `#Start-Date:` directive.
 * - combined: `host ident user [dd/Mon/yyyy:HH:MM:SS ±zzzz] "…"`.
 * - Akamai Luna: 14 tab-separated fields starting `YYYY-MM-DD<TAB>HH:MM:SS<TAB>`.
 * - TSV: other tab-separated lines (a header row of known field names, or ≥ 11 fields).
 * File-name hints: `.tsv` → tsv; `.w3c`, IIS `ex*.log`, `u_ex*.log` → w3c; `akamai`,
 * `esclf`, `esw3c` → akamai; `access*.log`, `.clf`, `.combined` → combined.
 * Returns null when neither content nor name decides.
 */
import type { AccessFormat } from '../../../avro/generated/index.ts';
import { AKAMAI_COLUMNS, TSV_REQUIRED_COLUMN_COUNT } from './access-fields.ts';
import { looksLikeHeader } from './parse-tsv.ts';

const W3C_DIRECTIVE = /^#(Version|Fields|Software|Date|Start-Date|End-Date|Remark):/i;
const COMBINED = /^\S+ \S+ .*?\[\d{2}\/[A-Za-z]{3}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] "/;
const AKAMAI_START = /^\d{4}-\d{2}-\d{2}\t\d{2}:\d{2}:\d{2}\t/;

function fromName(fileName: string): AccessFormat | null {
  const base = (fileName.split(/[\\/]/).pop() ?? '').toLowerCase().replace(/\.(gz|gzip)$/, '').replace(/\.\d+$/, '');
  if (base.endsWith('.tsv')) return 'tsv';
  if (base.endsWith('.w3c') || /^u?_?ex\d{6,}.*\.log$/.test(base)) return 'w3c';
  if (/akamai|esclf|esw3c/.test(base)) return 'akamai';
  if (base.endsWith('.clf') || base.endsWith('.combined') || /^access.*\.log$/.test(base) || base.endsWith('.access.log')) return 'combined';
  return null;
}

export function detectAccessFormat(firstLines: readonly string[], fileName = ''): AccessFormat | null {
  let sawComment = false;
  for (const l of firstLines) {
    const line = l.replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      if (W3C_DIRECTIVE.test(line)) return 'w3c';
      sawComment = true;
      continue;
    }
    if (COMBINED.test(line)) return 'combined';
    if (line.includes('\t')) {
      const cells = line.split('\t');
      if (cells.length === AKAMAI_COLUMNS.length && AKAMAI_START.test(line)) return 'akamai';
      if (looksLikeHeader(cells) || cells.length >= TSV_REQUIRED_COLUMN_COUNT) return 'tsv';
    }
    // a line we cannot place: let the name decide
    break;
  }
  const byName = fromName(fileName);
  if (byName !== null) return byName;
  return sawComment ? 'tsv' : null;
}
