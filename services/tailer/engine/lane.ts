/** One transactional producer; a lane works on one file at a time, one transaction at a time. */
import type { TopicMessages, TransactionalProducer } from '../../runtime/message-bus.ts';
import type { TailerTelemetry } from '../telemetry.ts';

export class Lane {
  busy = false;

  constructor(
    readonly transactionalId: string,
    readonly producer: TransactionalProducer,
    private readonly tel: TailerTelemetry,
  ) {}

  async send(batches: TopicMessages[]): Promise<void> {
    const end = this.tel.commitSeconds.startTimer();
    try {
      await this.producer.sendAtomically(batches);
      this.tel.transactions.inc({ outcome: 'committed' });
    } catch (err) {
      this.tel.transactions.inc({ outcome: 'failed' });
      throw err;
    } finally {
      end();
    }
  }
}
