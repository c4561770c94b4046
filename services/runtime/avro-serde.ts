/**
 * Avro values in the Confluent wire format (magic byte 0, 4-byte schema id, Avro body).
 * Schemas are registered and fetched through @kafkajs/confluent-schema-registry; encoding and
 * decoding of the hot path are synchronous with avsc types cached per schema id.
 */
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';
import { createFramedWriter } from './avsc-fast-write.ts';
import { InvalidInputError, PlaypulseError, UnavailableError } from './errors.ts';

export type AvroSchemaJson = Record<string, unknown>;

export interface Encoder<T> {
  readonly subject: string;
  readonly schemaId: number;
  /** Confluent wire format. Throws InvalidInputError (code AVRO_INVALID) naming the bad field. */
  encode(value: T): Buffer;
}

export function subjectFor(topic: string): string {
  return `${topic}-value`;
}

function errorPaths(type: avro.Type, value: unknown): string[] {
  const paths: string[] = [];
  type.isValid(value, { errorHook: (path: string[]) => paths.push(path.join('.') || '(root)') });
  return paths;
}

export class AvroSerde {
  private readonly registry: SchemaRegistry;
  private readonly types = new Map<number, avro.Type>();
  private readonly baseUrl: string;

  constructor(registryUrl: string) {
    this.baseUrl = registryUrl.replace(/\/$/, '');
    this.registry = new SchemaRegistry({ host: this.baseUrl, retry: { retries: 2, initialRetryTimeInSecs: 0.1, maxRetryTimeInSecs: 2 } });
  }

  /**
   * Registers a schema under a subject with BACKWARD compatibility, idempotently, and returns its id.
   * The subject's compatibility is set explicitly first: some registries answer GET /config/{subject}
   * with the global default, which the client library would otherwise take as a mismatch.
   */
  async register(subject: string, schema: AvroSchemaJson, compatibility = 'BACKWARD'): Promise<number> {
    try {
      const res = await fetch(`${this.baseUrl}/config/${encodeURIComponent(subject)}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ compatibility }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new PlaypulseError('REGISTRY_CONFIG_FAILED', `setting ${compatibility} on ${subject}: HTTP ${res.status} ${await res.text()}`, { retriable: res.status >= 500 });
      const { id } = await this.registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(schema) }, { subject, compatibility: compatibility as never });
      this.types.set(id, avro.Type.forSchema(schema as avro.Schema));
      return id;
    } catch (err) {
      if (err instanceof PlaypulseError) throw err;
      const e = err as { status?: number; message?: string };
      if (e.status === 409 || e.status === 422) {
        throw new PlaypulseError('SCHEMA_INCOMPATIBLE', `schema for ${subject} is not ${compatibility}-compatible with the registered one: ${e.message}`, { retriable: false, cause: err });
      }
      throw new UnavailableError('REGISTRY_UNAVAILABLE', `registering ${subject}: ${e.message ?? String(err)}`, err);
    }
  }

  async encoder<T>(subject: string, schema: AvroSchemaJson): Promise<Encoder<T>> {
    const schemaId = await this.register(subject, schema);
    return framedEncoder<T>(this.types.get(schemaId) as avro.Type, schemaId, subject);
  }

  /** The avsc type for a schema id, fetched once from the registry. */
  async typeFor(schemaId: number): Promise<avro.Type> {
    const cached = this.types.get(schemaId);
    if (cached) return cached;
    try {
      const t = (await this.registry.getSchema(schemaId)) as unknown as avro.Type;
      this.types.set(schemaId, t);
      return t;
    } catch (err) {
      throw new UnavailableError('REGISTRY_UNAVAILABLE', `fetching schema ${schemaId}: ${(err as Error).message}`, err);
    }
  }

  async decode<T = unknown>(buffer: Buffer): Promise<T> {
    if (buffer.length < 5 || buffer[0] !== 0) throw new InvalidInputError('WIRE_FORMAT_INVALID', 'not in the Confluent wire format (magic byte 0 + schema id)');
    const type = await this.typeFor(buffer.readInt32BE(1));
    return type.fromBuffer(buffer.subarray(5)) as T;
  }
}

/**
 * An encoder for a schema already registered under `schemaId`: Confluent header + Avro body; an
 * invalid value throws InvalidInputError (AVRO_INVALID) naming the fields that do not fit. Needs no
 * registry, so a worker thread can build the same encoder from the id.
 */
export function framedEncoder<T>(type: avro.Type, schemaId: number, subject: string): Encoder<T> {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  const writeFramed = createFramedWriter(type, header);
  return {
    subject,
    schemaId,
    encode(value: T): Buffer {
      try {
        return writeFramed(value);
      } catch (err) {
        const paths = errorPaths(type, value);
        throw new InvalidInputError('AVRO_INVALID', `value does not match ${subject}: invalid ${paths.join(', ') || (err as Error).message}`, { paths });
      }
    },
  };
}
