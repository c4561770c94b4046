/** Which Avro schema belongs to which topic; registered under `<topic>-value` (SPEC §2). */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { avroDir } from './generate.ts';
import { topicName } from '../topics/catalog.ts';
import { subjectFor, type AvroSchemaJson, type AvroSerde } from '../services/runtime/avro-serde.ts';

/** Topics whose value schema lives in avro/<topic>.avsc. Output topics get theirs with their own issues. */
export const SCHEMA_TOPICS = ['uav.events.v1', 'ssai.events.v1', 'access.events.v1', 'dlq.v1', 'reco.signals.v1'] as const;

export function loadSchema(topic: string): AvroSchemaJson {
  return JSON.parse(readFileSync(join(avroDir, `${topic}.avsc`), 'utf8')) as AvroSchemaJson;
}

export function availableSchemaTopics(): string[] {
  return SCHEMA_TOPICS.filter((t) => existsSync(join(avroDir, `${t}.avsc`)));
}

export async function applySchemas(serde: AvroSerde, prefix = ''): Promise<Array<{ subject: string; id: number }>> {
  const out: Array<{ subject: string; id: number }> = [];
  for (const topic of availableSchemaTopics()) {
    const subject = subjectFor(topicName(prefix, topic));
    out.push({ subject, id: await serde.register(subject, loadSchema(topic)) });
  }
  return out;
}
