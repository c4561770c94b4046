/**
 * A produce request the broker wrote but whose response the client lost (timeout) fails the send.
 * kafkajs then rolls its sequence numbers back; reused for other records, the broker would take
 * them for a retry of the written batch and acknowledge them unwritten. The bus producer must
 * acknowledge only what is in the topic.
 */
import { describe, it, expect, inject, afterAll } from 'vitest';
import type { Socket } from 'node:net';
import { createKafkaBus } from '../../services/runtime/kafkajs-bus.ts';
import { uniquePrefix } from '../support/isolation.ts';
import { readTopic } from '../support/bus-helpers.ts';

const stack = inject('stack');
const topic = `${uniquePrefix('renew')}records`;
const brokers = stack.kafkaBrokers.split(',');
let losingResponses = false;

/** While `losingResponses` is set, whatever the broker answers never reaches kafkajs. */
function loseResponses(socket: Socket): void {
  const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
  socket.emit = ((event: string | symbol, ...args: unknown[]) => (event === 'data' && losingResponses ? true : emit(event, ...args))) as Socket['emit'];
}

const bus = createKafkaBus({ brokers, clientId: 'test-idempotent', requestTimeoutMs: 1000, retries: 1, tapSocket: loseResponses });
const admin = bus.admin();

afterAll(async () => {
  await admin.deleteTopics([topic]).catch(() => undefined);
  await admin.disconnect();
});

const record = (v: string) => ({ key: 'same-key', value: Buffer.from(v) });

describe('idempotent producer after a send whose response was lost', () => {
  it('writes every record it acknowledges later', { timeout: 60_000 }, async () => {
    await admin.connect();
    await admin.createTopics([{ name: topic, partitions: 1, replicationFactor: 1, configs: {} }]);
    const producer = bus.producer({ idempotent: true, requestTimeoutMs: 1000 });
    await producer.connect();
    await producer.send([{ topic, messages: [record('a')] }]);

    losingResponses = true;
    await expect(producer.send([{ topic, messages: [record('b')] }])).rejects.toMatchObject({ code: 'KAFKA_UNAVAILABLE', retriable: true });
    losingResponses = false;

    await producer.send([{ topic, messages: [record('c')] }]);
    await producer.send([{ topic, messages: [record('d')] }]);
    await producer.disconnect();

    const reader = createKafkaBus({ brokers, clientId: 'test-idempotent-reader' });
    const values = (await readTopic(reader, topic, (all) => all.length >= 4, { quietMs: 500, timeoutMs: 15_000 })).map((m) => m.value?.toString());
    // 'b' was written although its send failed (at least once); 'c' and 'd' were acknowledged, so they must be there.
    expect(values).toEqual(['a', 'b', 'c', 'd']);
  });
});
