/** Shared helpers for integration tests: consume a topic until a condition holds, with a deadline. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, MessageBus } from '../../services/runtime/message-bus.ts';

export async function consumeUntil(bus: MessageBus, topic: string, done: (all: IncomingMessage[]) => boolean, timeoutMs = 30_000): Promise<IncomingMessage[]> {
  const consumer = bus.consumer({ groupId: `test-${randomUUID()}` });
  const seen: IncomingMessage[] = [];
  await consumer.connect();
  await consumer.subscribe([topic], { fromBeginning: true });
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((r) => (finish = r));
  await consumer.run({
    eachBatch: async (batch) => {
      seen.push(...batch.messages);
      if (done(seen)) finish();
    },
  });
  const timer = setTimeout(finish, timeoutMs);
  await finished;
  clearTimeout(timer);
  await consumer.disconnect();
  return seen;
}
