/**
 * Waits until newly created topics have a leader for every partition. kafkajs' own wait
 * (createTopics waitForLeaders) retries only LEADER_NOT_AVAILABLE, but a KRaft broker answers
 * UNKNOWN_TOPIC_OR_PARTITION until its metadata catches up with the creation, which takes longer
 * on a busy broker or one with many topics; kafkajs then fails a creation that succeeded.
 */
import { UnavailableError } from './errors.ts';

export interface TopicMetadata {
  topics: { name: string; partitions: { leader: number }[] }[];
}

const NOT_YET = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

export async function waitForTopicLeaders(
  fetchMetadata: () => Promise<TopicMetadata>,
  names: readonly string[],
  opts: { timeoutMs: number; delayMs?: number; sleep?: (ms: number) => Promise<void>; now?: () => number },
): Promise<void> {
  const sleep = opts.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = opts.now ?? Date.now;
  const deadline = now() + opts.timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    try {
      const meta = await fetchMetadata();
      const waiting = names.filter((n) => {
        const t = meta.topics.find((x) => x.name === n);
        return !t || t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0);
      });
      if (waiting.length === 0) return;
      last = `no leader yet for ${waiting.join(', ')}`;
    } catch (err) {
      const type = (err as { type?: string }).type;
      if (!type || !NOT_YET.has(type)) throw err;
      last = type;
    }
    if (now() >= deadline) throw new UnavailableError('TOPIC_LEADERS_TIMEOUT', `topics ${names.join(', ')} created, but not ready after ${opts.timeoutMs} ms (${last})`);
    await sleep(opts.delayMs ?? 100);
  }
}
