/**
 * Seed 001: appName is "equivalent to tenant ID in the token". An activity whose appName names
 * another tenant than the token's is a tenant mismatch (SPEC §1.1: 403). No appName: no mismatch.
 */
import type { NormalizedActivity } from './normalized-activity.ts';

export function isTenantMismatch(a: Pick<NormalizedActivity, 'appName'>, tokenTenant: string): boolean {
  return a.appName !== null && a.appName !== tokenTenant;
}
