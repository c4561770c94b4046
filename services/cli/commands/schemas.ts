/** `playpulse schemas apply`: register avro/*.avsc under `<topic>-value` with BACKWARD compatibility. */
import { loadConfig, commonConfig } from '../../runtime/config.ts';
import { AvroSerde } from '../../runtime/avro-serde.ts';
import { applySchemas } from '../../../avro/subjects.ts';

export async function applySchemasCommand(env: NodeJS.ProcessEnv, print: (s: string) => void): Promise<Array<{ subject: string; id: number }>> {
  const config = loadConfig(commonConfig, env);
  const serde = new AvroSerde(config.SCHEMA_REGISTRY_URL);
  const applied = await applySchemas(serde, config.TOPIC_PREFIX);
  for (const a of applied) print(`subject ${a.subject}: schema id ${a.id} (BACKWARD)`);
  return applied;
}
