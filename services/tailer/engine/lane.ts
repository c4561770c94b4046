/**
 * A lane works on one file at a time, one transaction at a time, alternating between two
 * transactional producers: right after a commit, the coordinator is still writing the
 * transaction's markers and a new transaction on the same transactionalId is refused
 * (CONCURRENT_TRANSACTIONS) and retried after a back-off; the other producer can start at once.
 * Transactions still commit strictly one after another, so a file's checkpoints stay in order.
 */
import type { TopicMessages, TransactionalProducer } from '../../runtime/message-bus.ts';
import type { TailerTelemetry } from '../telemetry.ts';

export interface LaneProducer {
  readonly transactionalId: string;
  readonly producer: TransactionalProducer;
}

export class Lane {
  busy = false;
  private next = 0;

  constructor(
    readonly producers: readonly LaneProducer[],
    private readonly tel: TailerTelemetry,
  ) {}

  async send(batches: TopicMessages[]): Promise<void> {
    const p = this.producers[this.next % this.producers.length] as LaneProducer;
    this.next++;
    const end = this.tel.commitSeconds.startTimer();
    try {
      await p.producer.sendAtomically(batches);
      this.tel.transactions.inc({ outcome: 'committed' });
    } catch (err) {
      this.tel.transactions.inc({ outcome: 'failed' });
      throw err;
    } finally {
      end();
    }
  }

  async disconnect(): Promise<void> {
    for (const p of this.producers) await p.producer.disconnect().catch(() => undefined);
  }
}
