/** Where services are started from: the project root found from any depth, and compiled vs source commands. */
import { describe, it, expect } from 'vitest';
import { findProjectRoot, projectRoot } from '../../../services/runtime/project-root.ts';
import { compiledPath, serviceCommand } from '../../../deploy/local/service-build.ts';
import { avroDir } from '../../../avro/generate.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

describe('findProjectRoot', () => {
  const files = new Set(['/srv/app/package.json']);
  const exists = (p: string) => files.has(p);

  it('finds the same root from the sources and from the compiled tree', () => {
    expect(findProjectRoot('/srv/app/services/runtime', exists)).toBe('/srv/app');
    expect(findProjectRoot('/srv/app/dist/services/runtime', exists)).toBe('/srv/app');
    expect(findProjectRoot('/srv/app', exists)).toBe('/srv/app');
  });

  it('says where it looked when there is no package.json above', () => {
    expect(() => findProjectRoot('/elsewhere/x', exists)).toThrow('no package.json at or above /elsewhere/x');
  });

  it('resolves this checkout and its Avro schemas', () => {
    expect(existsSync(join(projectRoot, 'package.json'))).toBe(true);
    expect(avroDir).toBe(join(projectRoot, 'avro'));
    expect(existsSync(join(avroDir, 'uav.events.v1.avsc'))).toBe(true);
  });
});

describe('serviceCommand', () => {
  it('runs the compiled entry with plain node', () => {
    expect(compiledPath('services/collector/main.ts', '/r')).toBe('/r/dist/services/collector/main.js');
    expect(serviceCommand('services/collector/main.ts', true, '/r')).toEqual({ command: process.execPath, args: ['/r/dist/services/collector/main.js'] });
  });

  it('runs the source through tsx when there is no build', () => {
    expect(serviceCommand('services/tailer/main.ts', false, '/r')).toEqual({ command: process.execPath, args: ['--import', 'tsx', '/r/services/tailer/main.ts'] });
  });

  it('refuses an entry that is not TypeScript', () => {
    expect(() => compiledPath('services/collector/main.js')).toThrow('not a TypeScript entry');
  });
});
