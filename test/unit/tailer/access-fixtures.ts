/** Test helper: parse a whole access-log fixture file. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccessEvent, AccessFormat } from '../../../avro/generated/index.ts';
import { createAccessParser } from '../../../services/tailer/parse/index.ts';
import type { LineResult } from '../../../services/tailer/parse/index.ts';
import { FIXTURES } from './avro-check.ts';

export const KEY = 'test-ip-key';

export function fixtureLines(name: string): string[] {
  const lines = readFileSync(join(FIXTURES, 'access', name), 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function parseAll(format: AccessFormat, lines: readonly string[], file = 'f'): Array<LineResult<AccessEvent>> {
  const p = createAccessParser(format, { ipHashKey: KEY, fileId: `id-${file}`, file });
  return lines.map((l, i) => p.parseLine(l, i + 1));
}

export function records(results: ReadonlyArray<LineResult<AccessEvent>>): AccessEvent[] {
  return results.flatMap((r) => (r.kind === 'record' ? [r.value] : []));
}

export function only(results: ReadonlyArray<LineResult<AccessEvent>>, i: number): AccessEvent {
  const r = results[i];
  if (r?.kind !== 'record') throw new Error(`line ${i + 1}: expected a record, got ${JSON.stringify(r)}`);
  return r.value;
}
