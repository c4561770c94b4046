/**
 * The thin consumer loop every processor shares (Redpanda Connect style: ack only after delivery):
 * fetch a batch → decode (undecodable → dead letter) → apply a pure transform → produce the outputs
 * and dead letters (acks=all) → only then let the offsets be committed. A failure of the produce
 * step throws, so the batch is fetched again: outputs are at least once, with stable keys.
 */
import type { DeadLetter } from '../../avro/generated/index.ts';
import type { Encoder, AvroSerde } from './avro-serde.ts';
import type { BusConsumer, BusProducer, IncomingMessage, OutgoingMessage, TopicMessages } from './message-bus.ts';
import { deadLetterMessage } from './dead-letter.ts';
import type { Logger } from './logger.ts';

export interface ProcessorOutput {
  topic: string;
  message: OutgoingMessage;
}

export interface StreamProcessorOptions<In> {
  name: string;
  consumer: BusConsumer;
  producer: BusProducer;
  serde: AvroSerde;
  inputTopic: string;
  deadLetterTopic: string;
  deadLetterEncoder: Encoder<DeadLetter>;
  /** Pure: records of one batch → messages to produce. */
  transform: (records: Array<{ value: In; message: IncomingMessage }>) => ProcessorOutput[];
  logger: Logger;
  onBatch?: (stats: { in: number; out: number; deadLettered: number; lag: number }) => void;
}

export function createStreamProcessor<In>(o: StreamProcessorOptions<In>) {
  return {
    async start(): Promise<void> {
      await o.producer.connect();
      await o.consumer.connect();
      await o.consumer.subscribe([o.inputTopic], { fromBeginning: true });
      await o.consumer.run({
        eachBatch: async (batch) => {
          const decoded: Array<{ value: In; message: IncomingMessage }> = [];
          const deadLetters: OutgoingMessage[] = [];
          for (const m of batch.messages) {
            if (!m.value) continue;
            try {
              decoded.push({ value: await o.serde.decode<In>(m.value), message: m });
            } catch (err) {
              const e = err as { code?: string; retriable?: boolean; message: string };
              if (e.retriable) throw err;
              deadLetters.push(deadLetterMessage(o.deadLetterEncoder, { source: o.name, reasonCode: e.code ?? 'UNDECODABLE', reason: `${m.topic}[${m.partition}]@${m.offset}: ${e.message}`, payload: m.value, attributes: { topic: m.topic, partition: String(m.partition), offset: m.offset } }));
            }
          }
          const outputs = o.transform(decoded);
          const byTopic = new Map<string, OutgoingMessage[]>();
          for (const out of outputs) {
            let list = byTopic.get(out.topic);
            if (!list) byTopic.set(out.topic, (list = []));
            list.push(out.message);
          }
          if (deadLetters.length > 0) byTopic.set(o.deadLetterTopic, [...(byTopic.get(o.deadLetterTopic) ?? []), ...deadLetters]);
          const send: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
          if (send.length > 0) await o.producer.send(send);
          const last = batch.messages[batch.messages.length - 1];
          const lag = last ? Math.max(0, Number(batch.highWatermark) - Number(last.offset) - 1) : 0;
          o.onBatch?.({ in: batch.messages.length, out: outputs.length, deadLettered: deadLetters.length, lag });
        },
      });
    },
    async stop(): Promise<void> {
      await o.consumer.stop();
      await o.consumer.disconnect();
      await o.producer.disconnect();
    },
  };
}
