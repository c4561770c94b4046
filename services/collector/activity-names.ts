/**
 * Activity names (seed 001). Any name matching ACTIVITY_NAME_PATTERN is accepted; the known ones
 * are stored under their canonical spelling so reports do not split on case or the seed's typo.
 */

/** The activities Platform understands (seed 001 list), canonical spelling. */
export const KNOWN_ACTIVITIES = [
  'privacyPolicy',
  'appStart',
  'appEnd',
  'playbackStart',
  'playbackStop',
  'playbackPause',
  'playbackSkipAhead',
  'playbackSkipBack',
  'adWatched',
  'adDelivered',
  'adSkipped',
  'playbackHeartbeat',
  'scheduleRecording',
  'watch',
  'playback_metrics',
  'playerError',
  'thirdPartyAppStart',
  'returnToLauncher',
  'deepLinkTriggered',
  'downloadTriggered',
  'railView',
  'railSelection',
] as const;

export type KnownActivity = (typeof KNOWN_ACTIVITIES)[number];

/**
 * Letters, digits, `_`, `-`, `.`; starts with a letter; 1 to 64 characters.
 * Covers every seed name (camelCase and playback_metrics) and keeps names safe in URLs, metric labels and file names.
 */
export const ACTIVITY_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
export const ACTIVITY_NAME_MAX_LENGTH = 64;

const CANONICAL = new Map<string, KnownActivity>();
for (const n of KNOWN_ACTIVITIES) {
  CANONICAL.set(n, n);
  CANONICAL.set(n.toLowerCase(), n);
}
// The seed's list and example URL spell it adDeliverd; its activity table (and SPEC §4) adDelivered.
CANONICAL.set('addeliverd', 'adDelivered');

/** The canonical spelling of a known activity (case-insensitive, adDeliverd accepted), else the name unchanged. */
export function canonicalActivityName(name: string): string {
  return CANONICAL.get(name) ?? CANONICAL.get(name.toLowerCase()) ?? name;
}

const KNOWN_SET: ReadonlySet<string> = new Set(KNOWN_ACTIVITIES);

export function isKnownActivity(name: string): name is KnownActivity {
  return KNOWN_SET.has(name);
}
