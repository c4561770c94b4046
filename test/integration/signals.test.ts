/** collector → uav.events.v1 → signals → reco.signals.v1 on the real stack, with the seed's default scores. */
import { describe, it, expect, inject } from 'vitest';
import { createKafkaBus } from '../../services/runtime/kafkajs-bus.ts';
import { AvroSerde } from '../../services/runtime/avro-serde.ts';
import { loadConfig } from '../../services/runtime/config.ts';
import { silentLogger } from '../../services/runtime/logger.ts';
import { applyTopics } from '../../topics/apply-topics.ts';
import { topicSpecs, topicName } from '../../topics/catalog.ts';
import { signalsConfig } from '../../services/signals/config.ts';
import { buildSignals } from '../../services/signals/build.ts';
import type { RecoSignal } from '../../avro/generated/index.ts';
import { uniquePrefix, testEnv } from '../support/isolation.ts';
import { consumeUntil } from '../support/bus-helpers.ts';
import { startTestCollector } from '../support/collector-instance.ts';

const stack = inject('stack');

describe('signals', () => {
  it('turns scored activities into reco.signals.v1 records keyed by userId, else deviceId', async () => {
    const prefix = uniquePrefix('sig');
    const env = testEnv(stack, prefix);
    const bus = createKafkaBus({ brokers: stack.kafkaBrokers.split(','), clientId: 'test-signals' });
    const admin = bus.admin();
    await admin.connect();
    await applyTopics(admin, topicSpecs(prefix));
    const { collector, url, token } = await startTestCollector(env);
    const signals = buildSignals(loadConfig(signalsConfig, { ...env, SIGNALS_PORT: '0', SIGNALS_GROUP_ID: `${prefix}signals`, SIGNALS_SCORES: '{"railSelection":{"score":0.2,"item":"editorialId"}}' }), { logger: silentLogger() });
    try {
      const post = (name: string, body: unknown) => fetch(`${url}/useractivityvault/v1/useractivity/${name}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await post('playbackStart', { accountId: 'a', userId: 'user-1', deviceId: 'd1', key: '', metadata: { contentType: 'vod-ed', editorialId: 'ed-7' } })).status).toBe(202);
      expect((await post('scheduleRecording', { accountId: 'a', userId: '', deviceId: 'd2', key: '', metadata: { programmeId: 'prog-3' } })).status).toBe(202);
      expect((await post('appStart', { accountId: 'a', userId: 'user-1', deviceId: 'd1', key: '' })).status).toBe(202);
      expect((await post('railSelection', { accountId: 'a', userId: 'user-2', deviceId: 'd3', key: '', metadata: { editorialId: 'ed-9' } })).status).toBe(202);
      await signals.start();
      const got = await consumeUntil(bus, topicName(prefix, 'reco.signals.v1'), (all) => all.length >= 3);
      const serde = new AvroSerde(stack.schemaRegistryUrl);
      const decoded = await Promise.all(got.map(async (m) => ({ key: m.key?.toString(), value: await serde.decode<RecoSignal>(m.value as Buffer) })));
      const byActivity = Object.fromEntries(decoded.map((d) => [d.value.activityName, d]));
      expect(Object.keys(byActivity).sort()).toEqual(['playbackStart', 'railSelection', 'scheduleRecording']);
      expect(byActivity['playbackStart']).toMatchObject({ key: 'user-1', value: { score: 0.7, itemId: 'ed-7', itemIdType: 'editorialId' } });
      expect(byActivity['scheduleRecording']).toMatchObject({ key: 'd2', value: { score: 0.7, itemId: 'prog-3', userId: null } });
      expect(byActivity['railSelection']?.value.score).toBe(0.2);
    } finally {
      await signals.stop();
      await collector.stop();
      await admin.deleteTopics((await admin.listTopics()).filter((t) => t.startsWith(prefix)));
      await admin.disconnect();
    }
  });
});
