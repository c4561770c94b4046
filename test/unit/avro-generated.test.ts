import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderAll, generatedDir } from '../../avro/generate.ts';

describe('generated Avro types', () => {
  it('are committed exactly as avro/generate.ts renders them from avro/*.avsc (run `npm run gen:avro`)', () => {
    const rendered = renderAll();
    const onDisk = readdirSync(generatedDir).sort();
    expect(onDisk).toEqual([...rendered.keys()].sort());
    for (const [name, content] of rendered) expect(readFileSync(join(generatedDir, name), 'utf8'), name).toBe(content);
  });
});
