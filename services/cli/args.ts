/** Small argv helpers for the CLI (node:util parseArgs underneath). */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export function parse(argv: string[], options: NonNullable<ParseArgsConfig['options']>) {
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
}

export class UsageError extends Error {}
