/** Shared helpers for integration tests: read a topic from the beginning until a condition holds, with a deadline. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, MessageBus } from '../../services/runtime/message-bus.ts';

/**
 * Reads `topic` from the beginning with a fresh consumer group until `enough(all)` holds and no new
 * message arrived for `quietMs` (so duplicates would have shown up), or until `timeoutMs`.
 */
export async function readTopic(bus: MessageBus, topic: string, enough: (all: IncomingMessage[]) => boolean, opts: { quietMs?: number; timeoutMs?: number } = {}): Promise<IncomingMessage[]> {
  const quietMs = opts.quietMs ?? 1500;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const consumer = bus.consumer({ groupId: `test-${randomUUID()}` });
  const seen: IncomingMessage[] = [];
  let last = 0;
  await consumer.connect();
  await consumer.subscribe([topic], { fromBeginning: true });
  await consumer.run({
    eachBatch: async (batch) => {
      seen.push(...batch.messages);
      last = Date.now();
    },
  });
  // The quiet period counts from when the consumer runs (joining the group may take a while), not from before it connected.
  last = Math.max(last, Date.now());
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (enough(seen) && Date.now() - last >= quietMs) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await consumer.disconnect();
  return seen;
}

/** readTopic that returns as soon as `done(all)` holds. */
export function consumeUntil(bus: MessageBus, topic: string, done: (all: IncomingMessage[]) => boolean, timeoutMs = 30_000): Promise<IncomingMessage[]> {
  return readTopic(bus, topic, done, { quietMs: 0, timeoutMs });
}
