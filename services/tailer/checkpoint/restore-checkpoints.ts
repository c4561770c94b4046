/**
 * Reads the checkpoint topic to its end (read_committed) into a CheckpointIndex. To know where
 * the end is, a marker with a fresh nonce is first committed through the caller's transactional
 * producer (which, connected with the instance's transactionalId, has already fenced a dead
 * predecessor and aborted its open transaction); everything committed before the marker is then
 * seen once the marker is.
 */
import { randomUUID } from 'node:crypto';
import type { MessageBus, TransactionalProducer } from '../../runtime/message-bus.ts';
import { UnavailableError } from '../../runtime/errors.ts';
import { CheckpointIndex } from './checkpoint-index.ts';
import { encodeCheckpoint, markerKey } from './checkpoint.ts';

export interface RestoreOptions {
  bus: MessageBus;
  producer: TransactionalProducer;
  topic: string;
  transactionalId: string;
  /** Consumer group prefix; a fresh group is used each time (the topic is read from the beginning). */
  groupPrefix: string;
  timeoutMs?: number;
}

export async function restoreCheckpoints(opts: RestoreOptions, index = new CheckpointIndex()): Promise<CheckpointIndex> {
  const nonce = randomUUID();
  await opts.producer.sendAtomically([{ topic: opts.topic, messages: [{ key: markerKey(opts.transactionalId), value: encodeCheckpoint({ kind: 'marker', nonce }) }] }]);
  const fresh = new CheckpointIndex();
  const consumer = opts.bus.consumer({ groupId: `${opts.groupPrefix}-${nonce}` });
  await consumer.connect();
  try {
    await consumer.subscribe([opts.topic], { fromBeginning: true });
    let found: () => void = () => undefined;
    const reached = new Promise<void>((r) => (found = r));
    await consumer.run({
      eachBatch: async (batch) => {
        for (const m of batch.messages) {
          const key = m.key?.toString('utf8') ?? '';
          if (fresh.applyRecord(key, m.value) === nonce) found();
        }
      },
    });
    const timeoutMs = opts.timeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new UnavailableError('CHECKPOINT_RESTORE_TIMEOUT', `checkpoint topic ${opts.topic} not read to its end within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([reached, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
  index.clear();
  for (const cp of fresh.allFiles()) index.putFile(cp);
  fresh.copyWatermarksTo(index);
  return index;
}
