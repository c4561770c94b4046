import { describe, it, expect } from 'vitest';
import { waitForTopicLeaders, type TopicMetadata } from '../../../services/runtime/topic-leaders.ts';

const kafkaError = (type: string) => Object.assign(new Error(type), { type });
const ready = (...names: string[]): TopicMetadata => ({ topics: names.map((name) => ({ name, partitions: [{ leader: 1 }, { leader: 1 }] })) });

/** A fake clock: sleeping advances it, so no test waits for real. */
function clock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), slept: () => t };
}

describe('waiting for the leaders of created topics', () => {
  it('retries while the broker does not know the topic yet or it has no leader, then returns', async () => {
    const answers: Array<TopicMetadata | Error> = [kafkaError('UNKNOWN_TOPIC_OR_PARTITION'), kafkaError('LEADER_NOT_AVAILABLE'), { topics: [{ name: 'a', partitions: [{ leader: -1 }] }] }, ready('a')];
    let calls = 0;
    const c = clock();
    await waitForTopicLeaders(
      async () => {
        const a = answers[calls++] as TopicMetadata | Error;
        if (a instanceof Error) throw a;
        return a;
      },
      ['a'],
      { timeoutMs: 10_000, delayMs: 100, ...c },
    );
    expect(calls).toBe(4);
    expect(c.slept()).toBe(300);
  });

  it('waits for every named topic', async () => {
    const answers = [ready('a'), ready('a', 'b')];
    let calls = 0;
    await waitForTopicLeaders(async () => answers[calls++] as TopicMetadata, ['a', 'b'], { timeoutMs: 10_000, ...clock() });
    expect(calls).toBe(2);
  });

  it('fails at once on any other error', async () => {
    let calls = 0;
    const failing = async (): Promise<TopicMetadata> => {
      calls++;
      throw kafkaError('TOPIC_AUTHORIZATION_FAILED');
    };
    await expect(waitForTopicLeaders(failing, ['a'], { timeoutMs: 10_000, ...clock() })).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
    expect(calls).toBe(1);
  });

  it('gives up after the timeout with a retriable error saying what it waited for', async () => {
    const c = clock();
    const err = await waitForTopicLeaders(async () => Promise.reject(kafkaError('UNKNOWN_TOPIC_OR_PARTITION')), ['a'], { timeoutMs: 1000, delayMs: 100, ...c }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TOPIC_LEADERS_TIMEOUT', retriable: true });
    expect((err as Error).message).toContain('UNKNOWN_TOPIC_OR_PARTITION');
    expect(c.slept()).toBe(1000);
  });
});
