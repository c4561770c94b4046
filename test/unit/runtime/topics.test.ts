import { describe, it, expect } from 'vitest';
import { diffTopic } from '../../../topics/apply-topics.ts';
import { TOPICS, topicSpecs } from '../../../topics/catalog.ts';

describe('topic catalog', () => {
  it('defines every topic of SPEC §2 once', () => {
    const names = TOPICS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['tailer.checkpoints.v1', 'uav.events.v1', 'ssai.events.v1', 'access.events.v1', 'dlq.v1', 'qoe.sessions.v1', 'qoe.aggregates.v1', 'ads.breaks.v1', 'ads.aggregates.v1', 'listening.sessions.v1', 'listening.aggregates.v1', 'reco.signals.v1']));
  });

  it('compacts aggregate topics and applies the prefix', () => {
    for (const s of topicSpecs('x.')) {
      expect(s.name.startsWith('x.')).toBe(true);
      expect(s.configs['cleanup.policy']).toBe(s.name.includes('aggregates') || s.name.includes('checkpoints') ? 'compact' : 'delete');
    }
  });

  it('diffs partitions and configs', () => {
    const spec = { name: 't', partitions: 6, replicationFactor: 1, configs: { 'cleanup.policy': 'delete', 'retention.ms': '10' } };
    expect(diffTopic(spec, { partitions: 6, configs: { 'cleanup.policy': 'delete', 'retention.ms': '10' } })).toEqual([]);
    expect(diffTopic(spec, { partitions: 3, configs: { 'cleanup.policy': 'compact' } })).toEqual([
      { topic: 't', field: 'partitions', expected: '6', actual: '3' },
      { topic: 't', field: 'cleanup.policy', expected: 'delete', actual: 'compact' },
      { topic: 't', field: 'retention.ms', expected: '10', actual: '(unset)' },
    ]);
  });
});
