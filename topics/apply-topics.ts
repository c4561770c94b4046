/** Creates the topics that are missing and reports drift (partitions, configs) of those that exist. */
import type { BusAdmin, TopicSpec } from '../services/runtime/message-bus.ts';

export interface TopicDrift {
  topic: string;
  field: string;
  expected: string;
  actual: string;
}

export interface ApplyTopicsResult {
  created: string[];
  unchanged: string[];
  drift: TopicDrift[];
}

/** Pure comparison of what should be with what is. */
export function diffTopic(spec: TopicSpec, actual: { partitions: number; configs: Record<string, string> }): TopicDrift[] {
  const drift: TopicDrift[] = [];
  if (actual.partitions !== spec.partitions) drift.push({ topic: spec.name, field: 'partitions', expected: String(spec.partitions), actual: String(actual.partitions) });
  for (const [k, v] of Object.entries(spec.configs)) {
    if (actual.configs[k] !== v) drift.push({ topic: spec.name, field: k, expected: v, actual: actual.configs[k] ?? '(unset)' });
  }
  return drift;
}

export async function applyTopics(admin: BusAdmin, specs: TopicSpec[]): Promise<ApplyTopicsResult> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(s.name));
  const present = specs.filter((s) => existing.has(s.name));
  if (missing.length > 0) await admin.createTopics(missing);
  const configKeys = [...new Set(specs.flatMap((s) => Object.keys(s.configs)))];
  const states = await admin.describeTopics(present.map((s) => s.name), configKeys);
  const drift: TopicDrift[] = [];
  for (const spec of present) {
    const state = states.find((s) => s.name === spec.name);
    if (state) drift.push(...diffTopic(spec, state));
  }
  return { created: missing.map((s) => s.name), unchanged: present.map((s) => s.name), drift };
}
