import { describe, it, expect } from 'vitest';
import { loadConfig, commonConfig, port, int, bool } from '../../../services/runtime/config.ts';
import { ConfigError } from '../../../services/runtime/errors.ts';
import { availableParallelism } from 'node:os';
import { tailerConfig } from '../../../services/tailer/config.ts';
import { collectorConfig } from '../../../services/collector/config.ts';

describe('config', () => {
  it('applies the SPEC §8 defaults', () => {
    const c = loadConfig(commonConfig, {});
    expect(c.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(c.SCHEMA_REGISTRY_URL).toBe('http://127.0.0.1:8081/apis/ccompat/v7');
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(c.TOPIC_PREFIX).toBe('');
  });

  it('parses lists, numbers and booleans', () => {
    const c = loadConfig({ ...commonConfig, P: port(8080), N: int(5, 1), B: bool(false) }, { KAFKA_BROKERS: 'a:1, b:2', P: '9000', N: '7', B: 'true' });
    expect(c.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(c.P).toBe(9000);
    expect(c.N).toBe(7);
    expect(c.B).toBe(true);
  });

  it('names every bad variable in one error', () => {
    const schema = { ...commonConfig, COLLECTOR_PORT: port(8080) };
    let err: unknown;
    try {
      loadConfig(schema, { COLLECTOR_PORT: '70000', REDIS_URL: 'http://nope', KAFKA_BROKERS: 'no-port' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toContain('COLLECTOR_PORT="70000"');
    expect(msg).toContain('REDIS_URL="http://nope"');
    expect(msg).toContain('KAFKA_BROKERS="no-port"');
    expect((err as ConfigError).details['variables']).toEqual(['KAFKA_BROKERS', 'REDIS_URL', 'COLLECTOR_PORT']);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ P: port(8080) }, { P: '' }).P).toBe(8080);
  });
});

describe('TAILER_PARSE_WORKERS and COLLECTOR_BATCH_WORKERS', () => {
  it('default to one worker where the machine has a second core, none on a single core', () => {
    const want = availableParallelism() > 1 ? 1 : 0;
    expect(loadConfig(tailerConfig, {}).TAILER_PARSE_WORKERS).toBe(want);
    expect(loadConfig(tailerConfig, { TAILER_PARSE_WORKERS: '0' }).TAILER_PARSE_WORKERS).toBe(0);
    expect(loadConfig(collectorConfig, { COLLECTOR_AUTH: 'off' }).COLLECTOR_BATCH_WORKERS).toBe(want);
    expect(loadConfig(collectorConfig, { COLLECTOR_AUTH: 'off', COLLECTOR_BATCH_WORKERS: '0' }).COLLECTOR_BATCH_WORKERS).toBe(0);
  });
});
