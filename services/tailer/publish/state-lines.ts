/**
 * The lines of a log file that can change a stateful parser's state (W3C `#Fields`/`#Date`, the TSV
 * header): every `#` line, and the first non-empty line after the file's start or after a `#` line
 * (the TSV header candidate; the line a W3C `#Fields` block learns its separator from). A parser that
 * was fed exactly these lines of a stretch of the file is in the state it would be in after parsing
 * all of it, so the stretch can be parsed elsewhere (shared-line-parser.ts) or skipped on resume.
 */
import type { ResolvedFormat } from '../checkpoint/checkpoint.ts';

/** Formats whose parser keeps state from earlier lines (W3C directives, the TSV header). */
export const STATEFUL_FORMATS: ReadonlySet<ResolvedFormat> = new Set(['w3c', 'tsv']);

export type StateLineFilter = (text: string) => boolean;

export function stateLineFilter(): StateLineFilter {
  let afterDirective = true;
  return (text) => {
    if (text.charCodeAt(0) === 35) {
      afterDirective = true;
      return true;
    }
    if (!afterDirective || text.length === 0 || text === '\r') return false;
    afterDirective = false;
    return true;
  };
}
