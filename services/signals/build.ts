/**
 * The signals service: uav.events.v1 → reco.signals.v1 with the seed's default scores (configurable).
 * A consumer group, so more instances share the partitions; outputs keyed by userId, else deviceId,
 * with a stable signalId per event, so a replay is an idempotent upsert.
 */
import type { FastifyInstance } from 'fastify';
import type { DeadLetter, RecoSignal, UavEvent } from '../../avro/generated/index.ts';
import { loadSchema } from '../../avro/subjects.ts';
import { topicName } from '../../topics/catalog.ts';
import { AvroSerde, subjectFor } from '../runtime/avro-serde.ts';
import { createKafkaBus } from '../runtime/kafkajs-bus.ts';
import type { MessageBus } from '../runtime/message-bus.ts';
import { createLogger, type Logger } from '../runtime/logger.ts';
import { buildOpsServer } from '../runtime/ops-routes.ts';
import type { Service } from '../runtime/service.ts';
import { createStreamProcessor, type ProcessorOutput } from '../runtime/stream-processor.ts';
import { Telemetry } from '../runtime/telemetry.ts';
import type { SignalsConfig } from './config.ts';
import { scoreSignal } from './score-signal.ts';
import { parseScoreOverrides, resolveScoreTable, type ScoreTable } from './score-table.ts';

export interface SignalsDeps {
  bus?: MessageBus;
  serde?: AvroSerde;
  logger?: Logger;
}

/** Pure: a batch of UAV events → signal records. */
export function toSignals(events: UavEvent[], table: ScoreTable): RecoSignal[] {
  const out: RecoSignal[] = [];
  for (const e of events) {
    const s = scoreSignal(e, table);
    if (s) out.push(s);
  }
  return out;
}

export function buildSignals(config: SignalsConfig, deps: SignalsDeps = {}): Service & { address(): string } {
  const table = resolveScoreTable(parseScoreOverrides(config.SIGNALS_SCORES));
  const logger = deps.logger ?? createLogger('signals', config.LOG_LEVEL);
  const bus = deps.bus ?? createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: 'playpulse-signals', logger });
  const serde = deps.serde ?? new AvroSerde(config.SCHEMA_REGISTRY_URL);
  const telemetry = new Telemetry('signals');
  const eventsIn = telemetry.counter('playpulse_signals_consumed_events_total', 'UAV events consumed');
  const signalsOut = telemetry.counter('playpulse_signals_produced_records_total', 'recommendation signals produced', ['activity']);
  const deadLettered = telemetry.counter('playpulse_signals_dead_lettered_records_total', 'input records dead-lettered');
  const lag = telemetry.gauge('playpulse_signals_consumer_lag_messages', 'messages behind the end of the partition after the last batch', ['partition']);
  let running = false;
  let ops: FastifyInstance | null = null;
  let address = '';
  let processor: ReturnType<typeof createStreamProcessor<UavEvent>> | null = null;

  return {
    address: () => address,
    async start() {
      ops = buildOpsServer(telemetry, () => ({ consuming: running }));
      address = await ops.listen({ port: config.SIGNALS_PORT, host: '0.0.0.0' });
      const inputTopic = topicName(config.TOPIC_PREFIX, 'uav.events.v1');
      const outputTopic = topicName(config.TOPIC_PREFIX, 'reco.signals.v1');
      const dlqTopic = topicName(config.TOPIC_PREFIX, 'dlq.v1');
      const [signalEncoder, dlqEncoder] = await Promise.all([
        serde.encoder<RecoSignal>(subjectFor(outputTopic), loadSchema('reco.signals.v1')),
        serde.encoder<DeadLetter>(subjectFor(dlqTopic), loadSchema('dlq.v1')),
      ]);
      processor = createStreamProcessor<UavEvent>({
        name: 'signals',
        consumer: bus.consumer({ groupId: config.SIGNALS_GROUP_ID }),
        producer: bus.producer({ idempotent: true }),
        serde,
        inputTopic,
        deadLetterTopic: dlqTopic,
        deadLetterEncoder: dlqEncoder,
        logger,
        transform: (records): ProcessorOutput[] =>
          toSignals(records.map((r) => r.value), table).map((s) => {
            signalsOut.inc({ activity: s.activityName });
            return { topic: outputTopic, message: { key: s.key, value: signalEncoder.encode(s) } };
          }),
        onBatch: (s) => {
          eventsIn.inc(s.in);
          deadLettered.inc(s.deadLettered);
          lag.set({ partition: 'all' }, s.lag);
        },
      });
      await processor.start();
      running = true;
      logger.info({ address, inputTopic, outputTopic }, 'signals running');
    },
    async stop() {
      running = false;
      await processor?.stop();
      await ops?.close();
    },
  };
}
