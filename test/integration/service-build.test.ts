/**
 * The compiled tree (`npm run build` → dist/) that `playpulse up` and the benches run: an incremental
 * build must not leave out an output deleted since the last build (it trusts dist/.tsbuildinfo).
 * In the integration project, so it never builds at the same time as the cli-up test.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { buildServices, compiledPath } from '../../deploy/local/service-build.ts';

describe('buildServices', () => {
  it('compiles the services and re-emits an output deleted since', { timeout: 120_000 }, async () => {
    const entries = ['services/signals/main.ts', 'services/collector/main.ts'];
    expect((await buildServices(entries)).compiled).toBe(true);
    for (const e of entries) expect(existsSync(compiledPath(e))).toBe(true);
    rmSync(compiledPath('services/signals/main.ts'));
    const again = await buildServices(entries);
    expect(again.compiled).toBe(true);
    expect(again.summary).toMatch(/^compiled into dist\//);
    expect(existsSync(compiledPath('services/signals/main.ts'))).toBe(true);
  });
});
