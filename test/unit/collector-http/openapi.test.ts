import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { renderOpenApi, OPENAPI_FILE } from '../../../services/collector/write-openapi.ts';

describe('collector OpenAPI description', () => {
  it('is committed as the service serves it (run `npm run gen:openapi`)', async () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(await renderOpenApi());
  });
});
