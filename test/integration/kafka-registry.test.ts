import { describe, it, expect, inject, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createKafkaBus } from '../../services/runtime/kafkajs-bus.ts';
import { AvroSerde, subjectFor } from '../../services/runtime/avro-serde.ts';
import { applyTopics } from '../../topics/apply-topics.ts';
import { topicSpecs, topicName, TOPICS } from '../../topics/catalog.ts';
import { applySchemas, loadSchema, availableSchemaTopics } from '../../avro/subjects.ts';
import type { DeadLetter } from '../../avro/generated/index.ts';
import type { BusAdmin } from '../../services/runtime/message-bus.ts';
import { uniquePrefix } from '../support/isolation.ts';
import { consumeUntil } from '../support/bus-helpers.ts';

const stack = inject('stack');
const prefix = uniquePrefix('kr');
const bus = createKafkaBus({ brokers: stack.kafkaBrokers.split(','), clientId: 'test-kafka-registry' });
const serde = new AvroSerde(stack.schemaRegistryUrl);
let admin: BusAdmin;

beforeAll(async () => {
  admin = bus.admin();
  await admin.connect();
});

afterAll(async () => {
  const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
  if (mine.length) await admin.deleteTopics(mine);
  await admin.disconnect();
});

describe('topics as code', () => {
  it('creates every SPEC §2 topic with its partitions and cleanup policy, and a second apply changes nothing', async () => {
    const specs = topicSpecs(prefix);
    const first = await applyTopics(admin, specs);
    expect(first.created.sort()).toEqual(TOPICS.map((t) => topicName(prefix, t.name)).sort());
    const second = await applyTopics(admin, specs);
    expect(second.created).toEqual([]);
    expect(second.drift).toEqual([]);
    const states = await admin.describeTopics([topicName(prefix, 'qoe.aggregates.v1'), topicName(prefix, 'uav.events.v1')], ['cleanup.policy', 'retention.ms']);
    const agg = states.find((s) => s.name.endsWith('qoe.aggregates.v1'));
    const uav = states.find((s) => s.name.endsWith('uav.events.v1'));
    expect(agg?.configs['cleanup.policy']).toBe('compact');
    expect(uav?.partitions).toBe(6);
    expect(uav?.configs['retention.ms']).toBe(String(7 * 24 * 3600 * 1000));
  });

  it('reports drift when a topic differs from its definition', async () => {
    const specs = topicSpecs(prefix).map((s) => (s.name.endsWith('dlq.v1') ? { ...s, configs: { ...s.configs, 'retention.ms': '1000' } } : s));
    const result = await applyTopics(admin, specs);
    expect(result.drift).toEqual([{ topic: topicName(prefix, 'dlq.v1'), field: 'retention.ms', expected: '1000', actual: String(14 * 24 * 3600 * 1000) }]);
  });
});

describe('schemas as code', () => {
  it('registers every input schema idempotently under <topic>-value with BACKWARD compatibility', async () => {
    const first = await applySchemas(serde, prefix);
    const second = await applySchemas(serde, prefix);
    expect(first.map((a) => a.subject)).toEqual(availableSchemaTopics().map((t) => subjectFor(topicName(prefix, t))));
    expect(second).toEqual(first);
    for (const { subject } of first) {
      const res = await fetch(`${stack.schemaRegistryUrl}/config/${subject}`);
      expect(await res.json()).toEqual({ compatibilityLevel: 'BACKWARD' });
    }
  });

  it('refuses a change that breaks BACKWARD compatibility and accepts one that keeps it', async () => {
    const subject = subjectFor(topicName(prefix, 'compat-probe'));
    const v1 = { type: 'record', name: 'Probe', fields: [{ name: 'a', type: 'string' }] };
    await serde.register(subject, v1);
    const breaking = { type: 'record', name: 'Probe', fields: [{ name: 'a', type: 'string' }, { name: 'b', type: 'string' }] };
    await expect(serde.register(subject, breaking)).rejects.toMatchObject({ code: 'SCHEMA_INCOMPATIBLE' });
    const compatible = { type: 'record', name: 'Probe', fields: [{ name: 'a', type: 'string' }, { name: 'b', type: ['null', 'string'], default: null }] };
    await expect(serde.register(subject, compatible)).resolves.toBeGreaterThan(0);
  });
});

describe('Avro through Kafka and the registry', () => {
  it('produces a dead-letter record and consumes it back, decoded equal', async () => {
    const topic = topicName(prefix, 'dlq.v1');
    const encoder = await serde.encoder<DeadLetter>(subjectFor(topic), loadSchema('dlq.v1'));
    const record: DeadLetter = {
      id: randomUUID(),
      source: 'test',
      reasonCode: 'VALIDATION_FAILED',
      reason: 'metadata.editorialId: required',
      rejectedAt: Date.now(),
      payload: Buffer.from('{"broken":'),
      tenant: 'acme',
      file: null,
      fileId: null,
      line: 42,
      attributes: { activityName: 'playbackStart' },
    };
    const producer = bus.producer();
    await producer.connect();
    await producer.send([{ topic, messages: [{ key: 'test', value: encoder.encode(record) }] }]);
    await producer.disconnect();
    const got = await consumeUntil(bus, topic, (all) => all.some((m) => m.value !== null));
    const value = got.find((m) => m.value)?.value as Buffer;
    expect(value[0]).toBe(0);
    expect(value.readInt32BE(1)).toBe(encoder.schemaId);
    expect(await serde.decode<DeadLetter>(value)).toEqual(record);
  });

  it('rejects a value that does not match the schema, naming the field', async () => {
    const encoder = await serde.encoder<DeadLetter>(subjectFor(topicName(prefix, 'dlq.v1')), loadSchema('dlq.v1'));
    expect(() => encoder.encode({ id: 'x' } as unknown as DeadLetter)).toThrow(/source/);
  });
});
