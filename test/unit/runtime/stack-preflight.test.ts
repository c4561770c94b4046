import { describe, it, expect } from 'vitest';
import { parseJavaVersion } from '../../../deploy/local/preflight.ts';
import { kafkaProperties, newClusterId } from '../../../deploy/local/kafka-node.ts';

describe('local stack preflight', () => {
  it('reads Java versions in both numbering schemes', () => {
    expect(parseJavaVersion('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaVersion('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaVersion('java version "1.8.0_292"')).toBe(8);
    expect(parseJavaVersion('nothing here')).toBeNull();
  });

  it('configures a single-node KRaft broker on loopback with no auto-created topics', () => {
    const p = kafkaProperties({ libs: '/l', dir: '/d', port: 9092, controllerPort: 9093 });
    expect(p).toContain('process.roles=broker,controller');
    expect(p).toContain('listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093');
    expect(p).toContain('auto.create.topics.enable=false');
    expect(p).toContain('log.dirs=/d/data');
  });

  it('never makes a cluster id that starts with "-" (StorageTool would read it as an option)', () => {
    const draws = [Buffer.from('fb' + '00'.repeat(15), 'hex'), Buffer.from('01'.repeat(16), 'hex')];
    expect(Buffer.from(draws[0] as Buffer).toString('base64url').startsWith('-')).toBe(true);
    let i = 0;
    const id = newClusterId(() => draws[i++] as Buffer);
    expect(id).toBe(Buffer.from('01'.repeat(16), 'hex').toString('base64url'));
    expect(i).toBe(2);
    for (let k = 0; k < 2000; k++) expect(newClusterId().startsWith('-')).toBe(false);
  });
});
