/**
 * A validated UAV activity with canonical field names: the output of validateActivity and the
 * input of enrichActivity.
 */
import type { UavMetadata } from '../../avro/generated/index.ts';
import type { Envelope } from './activity-fields.ts';

export interface NormalizedActivity extends Envelope {
  /** Canonical activity name (known names in seed spelling, custom names as sent). */
  activityName: string;
  /** activityDateTime parsed to epoch ms (UTC), null when absent. */
  activityDateTimeMs: number | null;
  /** clientLoggedDateTime parsed to epoch ms (UTC), null when absent. */
  clientLoggedDateTimeMs: number | null;
  /** Known metadata, typed, canonical names; null where absent or blank. */
  metadata: UavMetadata;
  /** Unknown keys (and losing duplicate spellings) with JSON-encoded values. */
  customMetadata: Record<string, string>;
}
