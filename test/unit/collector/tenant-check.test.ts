import { describe, it, expect } from 'vitest';
import { isTenantMismatch } from '../../../services/collector/tenant-check.ts';

describe('isTenantMismatch (seed 001: appName is the tenant id of the token)', () => {
  it('is false when appName equals the token tenant or is absent', () => {
    expect(isTenantMismatch({ appName: 'demo' }, 'demo')).toBe(false);
    expect(isTenantMismatch({ appName: null }, 'demo')).toBe(false);
  });

  it('is true when appName names another tenant', () => {
    expect(isTenantMismatch({ appName: 'other' }, 'demo')).toBe(true);
    expect(isTenantMismatch({ appName: 'Demo' }, 'demo')).toBe(true);
  });
});
