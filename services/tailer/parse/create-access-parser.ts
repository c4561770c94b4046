/**
 * Entry point for access logs: a stateful parser for one file in a given format.
 *
 *   const p = createAccessParser('w3c', { ipHashKey, fileId, file });
 *   for (const [i, line] of lines.entries()) handle(p.parseLine(line, i + 1));
 */
import type { AccessFormat } from '../../../avro/generated/index.ts';
import { AccessContext } from './access-context.ts';
import type { AccessParserOptions } from './access-context.ts';
import type { AccessLineParser } from './access-line-parser.ts';
import { createAkamaiParser } from './parse-akamai.ts';
import { createCombinedParser } from './parse-combined.ts';
import { createTsvParser } from './parse-tsv.ts';
import { createW3cParser } from './parse-w3c.ts';

export type { AccessParserOptions } from './access-context.ts';
export type { AccessLineParser } from './access-line-parser.ts';

export const ACCESS_FORMATS: readonly AccessFormat[] = ['w3c', 'tsv', 'akamai', 'combined'];

export function createAccessParser(format: AccessFormat, opts: AccessParserOptions): AccessLineParser {
  const ctx = new AccessContext(format, opts);
  switch (format) {
    case 'w3c':
      return createW3cParser(ctx);
    case 'tsv':
      return createTsvParser(ctx);
    case 'akamai':
      return createAkamaiParser(ctx);
    case 'combined':
      return createCombinedParser(ctx);
    default: {
      const never: never = format;
      throw new RangeError(`unknown access log format: ${String(never)}`);
    }
  }
}
