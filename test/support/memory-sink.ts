/**
 * An ActivitySink for inject() tests of the HTTP layer: encodes with the real Avro schemas (avsc,
 * no registry) and keeps what was published. Integration tests use the Kafka sink instead.
 */
import avro from 'avsc';
import type { ActivitySink } from '../../services/collector/activity-sink.ts';
import { loadSchema } from '../../avro/subjects.ts';
import { deadLetter } from '../../services/runtime/dead-letter.ts';
import { InvalidInputError, UnavailableError } from '../../services/runtime/errors.ts';
import type { DeadLetter, UavEvent } from '../../avro/generated/index.ts';
import { uavRecordKey } from '../../services/collector/enrich-activity.ts';

export interface MemorySink extends ActivitySink {
  events: UavEvent[];
  deadLetters: DeadLetter[];
  /** When set, publish fails as if Kafka were away. */
  failWith: Error | null;
}

export function createMemorySink(): MemorySink {
  const eventType = avro.Type.forSchema(loadSchema('uav.events.v1') as avro.Schema);
  const dlqType = avro.Type.forSchema(loadSchema('dlq.v1') as avro.Schema);
  const sink: MemorySink = {
    events: [],
    deadLetters: [],
    failWith: null,
    encodeEvent(event) {
      if (!eventType.isValid(event)) throw new InvalidInputError('AVRO_INVALID', 'event does not match uav.events.v1');
      return { key: uavRecordKey(event), value: eventType.toBuffer(event) };
    },
    encodeDeadLetter(input) {
      return { key: input.source, value: dlqType.toBuffer(deadLetter(input)) };
    },
    async publish(events, deadLetters) {
      if (sink.failWith) throw sink.failWith;
      for (const m of events) sink.events.push(eventType.fromBuffer(m.value as Buffer) as UavEvent);
      for (const m of deadLetters) sink.deadLetters.push(dlqType.fromBuffer(m.value as Buffer) as DeadLetter);
    },
    stats: () => ({ queued: 0, inFlight: 0 }),
  };
  return sink;
}

export const kafkaAway = () => new UnavailableError('KAFKA_UNAVAILABLE', 'broker down');
