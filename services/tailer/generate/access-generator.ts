/**
 * Deterministic access-log lines in any supported format: the requests of
 * access-model.ts rendered by access-render.ts, with each format's preamble
 * (W3C: #Software/#Version/#Date/#Fields, switching #Fields every `fieldsChangeEvery`
 * lines; TSV: a comment, an optional header row, occasional comment lines).
 */
import type { AccessFormat } from '../../../avro/generated/index.ts';
import { generateAccessRequests } from './access-model.ts';
import type { AccessModelOptions } from './access-model.ts';
import { W3C_LAYOUTS, renderAccessLine, tsvHeader, w3cFieldsDirective } from './access-render.ts';

export interface AccessGeneratorOptions extends AccessModelOptions {
  /** TSV: write the header row. Default true. */
  readonly header?: boolean;
  /** TSV: write comment lines (first line, then every 1000 lines). Default true. */
  readonly comments?: boolean;
  /** W3C: start a new #Fields block with another layout every N data lines. Default 500; 0 = never. */
  readonly fieldsChangeEvery?: number;
}

export function* generateAccessLines(format: AccessFormat, opts: AccessGeneratorOptions): Generator<string> {
  const header = opts.header ?? true;
  const comments = opts.comments ?? true;
  const every = opts.fieldsChangeEvery ?? 500;
  let layoutIdx = 0;
  let layout = W3C_LAYOUTS[0] as readonly string[];
  if (format === 'w3c') {
    yield '#Software: Playpulse log generator';
    yield '#Version: 1.0';
    yield `#Date: ${new Date(opts.startMs ?? Date.UTC(2015, 7, 30)).toISOString().slice(0, 19).replace('T', ' ')}`;
    yield w3cFieldsDirective(layout);
  } else if (format === 'tsv') {
    if (comments) yield `# Playpulse generated podcast access log (seed ${opts.seed})`;
    if (header) yield tsvHeader();
  }
  let n = 0;
  for (const r of generateAccessRequests(opts)) {
    if (n > 0) {
      if (format === 'w3c' && every > 0 && n % every === 0) {
        layoutIdx = (layoutIdx + 1) % W3C_LAYOUTS.length;
        layout = W3C_LAYOUTS[layoutIdx] as readonly string[];
        yield `#Remark: layout ${layoutIdx}`;
        yield w3cFieldsDirective(layout);
      } else if (format === 'tsv' && comments && n % 1000 === 0) {
        yield `# ${n} lines`;
      }
    }
    yield renderAccessLine(format, r, layout);
    n++;
  }
}
