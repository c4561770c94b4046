import { describe, it, expect } from 'vitest';
import { parseSourceSpecs } from '../../../services/tailer/sources/source-spec.ts';
import { loadConfig } from '../../../services/runtime/config.ts';
import { tailerConfig } from '../../../services/tailer/config.ts';

describe('TAILER_SOURCES', () => {
  it('parses format-tagged paths and globs, keeping brace alternatives whole', () => {
    expect(parseSourceSpecs('ssai:data/inbox/ssai/**, access:data/inbox/access/*.{tsv,w3c}.gz,W3C:/var/log/x.log')).toEqual([
      { name: 'ssai:data/inbox/ssai/**', format: 'ssai', pattern: 'data/inbox/ssai/**' },
      { name: 'access:data/inbox/access/*.{tsv,w3c}.gz', format: 'access', pattern: 'data/inbox/access/*.{tsv,w3c}.gz' },
      { name: 'w3c:/var/log/x.log', format: 'w3c', pattern: '/var/log/x.log' },
    ]);
  });

  it('rejects unknown formats, missing formats and empty lists', () => {
    expect(() => parseSourceSpecs('csv:data/x')).toThrow(/unknown format "csv"/);
    expect(() => parseSourceSpecs('data/x')).toThrow(/format:path/);
    expect(() => parseSourceSpecs('ssai:')).toThrow(/empty path/);
    expect(() => parseSourceSpecs(' , ')).toThrow(/no sources/);
  });

  it('defaults to the local inbox and names the variable when invalid', () => {
    const c = loadConfig(tailerConfig, {});
    expect(c.TAILER_SOURCES.map((s) => s.name)).toEqual(['ssai:data/inbox/ssai/**', 'access:data/inbox/access/**']);
    expect(c.TAILER_LATE_CUTOFF_MS).toBe(3 * 24 * 3600 * 1000);
    expect(c.TAILER_CLEANUP_ENABLED).toBe(false);
    expect(c.TAILER_RETENTION_DAYS).toBe(60);
    expect(() => loadConfig(tailerConfig, { TAILER_SOURCES: 'xml:foo' })).toThrow(/TAILER_SOURCES.*unknown format/);
  });
});
