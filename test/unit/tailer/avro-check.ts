/** Test helper: Avro validation of parsed records against the committed schemas. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import avro from 'avsc';

const AVRO_DIR = join(import.meta.dirname, '../../../avro');

export function schemaType(file: string): avro.Type {
  return avro.Type.forSchema(JSON.parse(readFileSync(join(AVRO_DIR, file), 'utf8')) as avro.Schema);
}

/** Paths of the fields that do not match the schema (empty when valid). */
export function avroErrors(type: avro.Type, value: unknown): string[] {
  const errors: string[] = [];
  type.isValid(value, { errorHook: (path: string[]) => errors.push(path.join('.')) });
  return errors;
}

export const FIXTURES = join(import.meta.dirname, '../../fixtures');
