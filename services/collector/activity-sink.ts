/**
 * Where accepted activities and dead letters go. The Kafka sink encodes to Avro and shares Kafka
 * sends between requests (BatchingProducer); publish resolves only after acks=all.
 */
import type { DeadLetter, UavEvent } from '../../avro/generated/index.ts';
import type { Encoder } from '../runtime/avro-serde.ts';
import type { BatchingProducer } from '../runtime/batching-producer.ts';
import type { OutgoingMessage } from '../runtime/message-bus.ts';
import { deadLetterMessage, type DeadLetterInput } from '../runtime/dead-letter.ts';
import { uavRecordKey } from './enrich-activity.ts';

export interface ActivitySink {
  /** Encodes an event; throws InvalidInputError (AVRO_INVALID) when it does not fit the schema. */
  encodeEvent(event: UavEvent): OutgoingMessage;
  encodeDeadLetter(input: DeadLetterInput): OutgoingMessage;
  /** Resolves once Kafka acknowledged every message; rejects with a retriable error otherwise. */
  publish(events: OutgoingMessage[], deadLetters: OutgoingMessage[]): Promise<void>;
  stats(): { queued: number; inFlight: number };
}

export interface KafkaSinkTopics {
  events: string;
  deadLetters: string;
}

export function createKafkaActivitySink(producer: BatchingProducer, encoders: { event: Encoder<UavEvent>; deadLetter: Encoder<DeadLetter> }, topics: KafkaSinkTopics): ActivitySink {
  return {
    encodeEvent: (event) => ({ key: uavRecordKey(event), value: encoders.event.encode(event) }),
    encodeDeadLetter: (input) => deadLetterMessage(encoders.deadLetter, input),
    publish: (events, deadLetters) =>
      producer.publish([...events.map((message) => ({ topic: topics.events, message })), ...deadLetters.map((message) => ({ topic: topics.deadLetters, message }))]),
    stats: () => producer.stats(),
  };
}
