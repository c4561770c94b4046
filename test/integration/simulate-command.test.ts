/** `playpulse simulate` drives a real collector at a chosen rate; every accepted event lands in Kafka. */
import { describe, it, expect, inject } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createKafkaBus } from '../../services/runtime/kafkajs-bus.ts';
import { applyTopics } from '../../topics/apply-topics.ts';
import { topicSpecs, topicName } from '../../topics/catalog.ts';
import { uniquePrefix, testEnv } from '../support/isolation.ts';
import { consumeUntil } from '../support/bus-helpers.ts';
import { startTestCollector } from '../support/collector-instance.ts';

const run = promisify(execFile);
const stack = inject('stack');

describe('playpulse simulate', () => {
  it('sends the requested number of simulated activities, all accepted and in uav.events.v1', async () => {
    const prefix = uniquePrefix('simcli');
    const bus = createKafkaBus({ brokers: stack.kafkaBrokers.split(','), clientId: 'test-simulate' });
    const admin = bus.admin();
    await admin.connect();
    await applyTopics(admin, topicSpecs(prefix).filter((s) => s.name.endsWith('uav.events.v1') || s.name.endsWith('dlq.v1')));
    const { collector, url, token } = await startTestCollector(testEnv(stack, prefix));
    try {
      const { stdout } = await run(process.execPath, ['bin/playpulse.js', 'simulate', '--url', url, '--max-events', '300', '--rate', '1000', '--viewers', '50', '--tenant', 'acme'], { env: { ...process.env, SIMULATOR_TOKEN: token }, timeout: 60_000 });
      const result = JSON.parse(stdout.trim().split('\n').pop() as string) as { eventsSent: number; byStatus: Record<string, number> };
      expect(result.eventsSent).toBe(300);
      expect(result.byStatus).toEqual({ '202': 300 });
      const got = await consumeUntil(bus, topicName(prefix, 'uav.events.v1'), (all) => all.length >= 300);
      expect(got).toHaveLength(300);
    } finally {
      await collector.stop();
      await admin.deleteTopics((await admin.listTopics()).filter((t) => t.startsWith(prefix)));
      await admin.disconnect();
    }
  });
});
