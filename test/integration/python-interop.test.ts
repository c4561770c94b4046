/**
 * Interop: a record produced by Playpulse is read and decoded by Confluent's own Python client
 * (Debian's python3-confluent-kafka + python3-avro) through the schema registry.
 */
import { describe, it, expect, inject } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { createKafkaBus } from '../../services/runtime/kafkajs-bus.ts';
import { AvroSerde, subjectFor } from '../../services/runtime/avro-serde.ts';
import { applyTopics } from '../../topics/apply-topics.ts';
import { topicSpecs, topicName } from '../../topics/catalog.ts';
import { loadSchema } from '../../avro/subjects.ts';
import type { DeadLetter } from '../../avro/generated/index.ts';
import { uniquePrefix } from '../support/isolation.ts';

const run = promisify(execFile);
const stack = inject('stack');

const PY = `
import json, sys, datetime
from confluent_kafka import Consumer
from confluent_kafka.avro.cached_schema_registry_client import CachedSchemaRegistryClient
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer
brokers, registry, topic, group = sys.argv[1:5]
serializer = MessageSerializer(CachedSchemaRegistryClient({'url': registry}))
c = Consumer({'bootstrap.servers': brokers, 'group.id': group, 'auto.offset.reset': 'earliest'})
c.subscribe([topic])
for _ in range(60):
    m = c.poll(1.0)
    if m is None or m.error():
        continue
    v = serializer.decode_message(m.value())
    v['payload'] = v['payload'].decode('utf-8')
    to_ms = lambda d: round(d.timestamp() * 1000) if isinstance(d, datetime.datetime) else str(d)
    print(json.dumps({'key': m.key().decode(), 'value': v}, default=to_ms))
    break
c.close()
`;

describe('interop with the Confluent Python client', () => {
  it('decodes a Playpulse-produced Avro record through the registry', async () => {
    const prefix = uniquePrefix('py');
    const topic = topicName(prefix, 'dlq.v1');
    const bus = createKafkaBus({ brokers: stack.kafkaBrokers.split(','), clientId: 'test-interop' });
    const admin = bus.admin();
    await admin.connect();
    await applyTopics(admin, topicSpecs(prefix).filter((s) => s.name === topic));
    const serde = new AvroSerde(stack.schemaRegistryUrl);
    const encoder = await serde.encoder<DeadLetter>(subjectFor(topic), loadSchema('dlq.v1'));
    const record: DeadLetter = { id: randomUUID(), source: 'collector', reasonCode: 'VALIDATION_FAILED', reason: 'accountId: required', rejectedAt: 1_763_700_000_000, payload: Buffer.from('{"userId":""}'), tenant: 'acme', file: null, fileId: null, line: null, attributes: { field: 'accountId' } };
    const producer = bus.producer();
    await producer.connect();
    await producer.send([{ topic, messages: [{ key: 'collector', value: encoder.encode(record) }] }]);
    await producer.disconnect();
    try {
      const { stdout } = await run('/usr/bin/python3', ['-c', PY, stack.kafkaBrokers, stack.schemaRegistryUrl, topic, `py-${randomUUID()}`], { timeout: 90_000 });
      const got = JSON.parse(stdout.trim().split('\n').pop() as string) as { key: string; value: Record<string, unknown> };
      expect(got.key).toBe('collector');
      expect(got.value).toEqual({ ...record, payload: '{"userId":""}' });
    } finally {
      await admin.deleteTopics([topic]);
      await admin.disconnect();
    }
  });
});
