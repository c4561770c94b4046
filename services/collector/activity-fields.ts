/**
 * The canonical field table of UAV activity bodies (seeds 001, 002): every known field with its
 * canonical name, type, where the seed puts it (top level or metadata), where Playpulse stores it
 * (the UavEvent envelope or its metadata record) and the other spellings accepted for it.
 *
 * Matching is exact on the canonical name first, then on a loose key (lower case, `_` and `-`
 * removed), which accepts the seed's variants — editorialID, playerTypeversion, Stream_Bitrate,
 * bytes_Downloaded, Playback_Progress, SDKVersion, downloadBitRate — without listing each.
 * Spellings that differ by more than case and underscores are listed as aliases.
 */

export type FieldKind =
  | 'string' // JSON string
  | 'eventId' // JSON string of 1–128 printable ASCII characters, no spaces
  | 'errorCode' // JSON string, or a JSON number kept as its decimal text
  | 'double' // finite number >= 0; numeric strings accepted
  | 'long' // safe integer >= 0; numeric strings accepted
  | 'int' // integer 0..2^31-1; numeric strings accepted
  | 'boolean' // true/false; "true"/"false" accepted
  | 'doubleList' // array of numbers >= 0, or a text list of them
  | 'dateTime' // see date-time.ts
  | 'contentType' // one of CONTENT_TYPES, any letter case
  | 'contentSource'; // one of CONTENT_SOURCES, any letter case (a one-element array is accepted)

/** Envelope fields stored at the top of UavEvent (not in its metadata record). */
export interface Envelope {
  eventId: string | null;
  accountId: string;
  userId: string;
  deviceId: string;
  key: string;
  activityDateTime: string | null;
  clientLoggedDateTime: string | null;
  appSessionId: string | null;
  playbackSessionId: string | null;
  appName: string | null;
  appVersion: string | null;
  appReference: string | null;
  deviceType: string | null;
  sdkVersion: string | null;
}

export interface FieldSpec {
  /** Canonical name, as stored. */
  readonly name: string;
  readonly kind: FieldKind;
  /** Where the seed puts it. A field is also accepted in the other place; the home value wins. */
  readonly home: 'top' | 'metadata';
  /** Where it is stored: the UavEvent envelope or its metadata record. */
  readonly store: 'envelope' | 'metadata';
  /** Other accepted spellings beyond case and underscores. */
  readonly aliases: readonly string[];
  readonly maxLength: number;
  /** Seed 001 mandatory arguments: nonEmpty (accountId, deviceId) or present, may be "" (userId, key). */
  readonly mandatory: 'nonEmpty' | 'present' | null;
  /** Position in FIELDS. */
  readonly index: number;
}

const ID_MAX = 256;
const TEXT_MAX = 1024;
const LONG_TEXT_MAX = 8192;

type Def = [name: string, kind: FieldKind, opts?: { aliases?: string[]; maxLength?: number; mandatory?: 'nonEmpty' | 'present' }];

const ENVELOPE_TOP: Def[] = [
  ['eventId', 'eventId'],
  ['accountId', 'string', { mandatory: 'nonEmpty', maxLength: ID_MAX }],
  ['userId', 'string', { mandatory: 'present', maxLength: ID_MAX }],
  ['deviceId', 'string', { mandatory: 'nonEmpty', maxLength: ID_MAX }],
  ['key', 'string', { mandatory: 'present', maxLength: ID_MAX }],
  ['activityDateTime', 'dateTime'],
  ['clientLoggedDateTime', 'dateTime'],
  ['appName', 'string', { maxLength: ID_MAX }],
  ['appVersion', 'string', { maxLength: ID_MAX }],
  ['appReference', 'string', { maxLength: ID_MAX }],
  ['deviceType', 'string', { maxLength: ID_MAX }],
  ['sdkVersion', 'string', { maxLength: ID_MAX }],
];

const ENVELOPE_METADATA: Def[] = [
  ['appSessionId', 'string', { maxLength: ID_MAX }],
  ['playbackSessionId', 'string', { maxLength: ID_MAX }],
];

/** In UavMetadata field order (avro/uav.events.v1.avsc). */
const METADATA: Def[] = [
  ['sessionId', 'string', { maxLength: ID_MAX }],
  ['contentType', 'contentType'],
  ['contentSource', 'contentSource'],
  ['editorialId', 'string', { maxLength: ID_MAX }],
  ['technicalId', 'string', { maxLength: ID_MAX }],
  ['programmeId', 'string', { maxLength: ID_MAX }],
  ['seriesId', 'string', { maxLength: ID_MAX }],
  ['trackingAssetId', 'string', { maxLength: ID_MAX }],
  ['source', 'string', { maxLength: ID_MAX }],
  ['uri', 'string', { aliases: ['content_URI', 'PlayoutURL'], maxLength: LONG_TEXT_MAX }],
  ['contentQualityChanged', 'string', { maxLength: ID_MAX }],
  ['playbackProgress', 'double'],
  ['position', 'double'],
  ['timeToVideoStart', 'double'],
  ['selectedBitrate', 'double', { aliases: ['Bitrate_selected'] }],
  ['selectedBitrateChanged', 'double'],
  ['streamBitrate', 'double'],
  ['downloadBitrate', 'double'],
  ['downloadBitrateAverage', 'double', { aliases: ['avg_download_bitRate'] }],
  ['availableBitrates', 'doubleList', { aliases: ['Available_Bitrate'] }],
  ['bufferedDuration', 'double', { aliases: ['Buffer_Duration'] }],
  ['bytesDownloaded', 'long'],
  ['droppedVideoFrames', 'long', { aliases: ['Dropped_Frames'] }],
  ['totalVideoFrames', 'long', { aliases: ['Total_Frames'] }],
  ['stallCount', 'long', { aliases: ['rebufferCount', 'rebufferingCount'] }],
  ['stallDurationMs', 'double', { aliases: ['rebufferDurationMs', 'rebufferingDurationMs'] }],
  ['errorCode', 'errorCode', { maxLength: ID_MAX }],
  ['errorMsg', 'string', { maxLength: LONG_TEXT_MAX }],
  ['playerTypeVersion', 'string', { maxLength: ID_MAX }],
  ['adId', 'string', { maxLength: TEXT_MAX }],
  ['adSupplier', 'string', { maxLength: ID_MAX }],
  ['deeplinkId', 'string', { maxLength: ID_MAX }],
  ['deeplinkProviderId', 'string', { maxLength: ID_MAX }],
  ['railId', 'string', { maxLength: ID_MAX }],
  ['templateId', 'string', { maxLength: ID_MAX }],
  ['depth', 'int'],
  ['hdepth', 'int'],
  ['vdepth', 'int'],
  ['policyType', 'string', { maxLength: ID_MAX }],
  ['policyShown', 'boolean'],
  ['policyRead', 'boolean'],
  ['policyConsentGiven', 'boolean'],
  ['consentForTargettedAd', 'boolean', { aliases: ['consentForTargetedAd'] }],
];

function build(): FieldSpec[] {
  const out: FieldSpec[] = [];
  const add = (defs: Def[], home: FieldSpec['home'], store: FieldSpec['store']): void => {
    for (const [name, kind, o = {}] of defs) {
      out.push({
        name,
        kind,
        home,
        store,
        aliases: o.aliases ?? [],
        maxLength: o.maxLength ?? TEXT_MAX,
        mandatory: o.mandatory ?? null,
        index: out.length,
      });
    }
  };
  add(ENVELOPE_TOP, 'top', 'envelope');
  add(ENVELOPE_METADATA, 'metadata', 'envelope');
  add(METADATA, 'metadata', 'metadata');
  return out;
}

export const FIELDS: readonly FieldSpec[] = build();

/** Loose key: lower case without `_` and `-`. */
export function looseKey(name: string): string {
  let s = name.toLowerCase();
  if (s.includes('_')) s = s.replaceAll('_', '');
  if (s.includes('-')) s = s.replaceAll('-', '');
  return s;
}

const EXACT = new Map<string, FieldSpec>();
const LOOSE = new Map<string, FieldSpec>();
for (const f of FIELDS) {
  EXACT.set(f.name, f);
  for (const n of [f.name, ...f.aliases]) {
    const k = looseKey(n);
    const prev = LOOSE.get(k);
    if (prev !== undefined && prev !== f) throw new Error(`activity-fields: ${n} is ambiguous between ${prev.name} and ${f.name}`);
    LOOSE.set(k, f);
  }
}

/** Loose-lookup results by key as sent, misses included (bounded: client keys are unbounded). */
const LOOSE_CACHE = new Map<string, FieldSpec | null>();
const LOOSE_CACHE_MAX = 4096;

/** The known field a body key denotes (canonical name, alias, or a case/underscore variant), else undefined. */
export function lookupField(key: string): FieldSpec | undefined {
  const exact = EXACT.get(key);
  if (exact !== undefined) return exact;
  let f = LOOSE_CACHE.get(key);
  if (f === undefined) {
    f = LOOSE.get(looseKey(key)) ?? null;
    if (LOOSE_CACHE.size < LOOSE_CACHE_MAX) LOOSE_CACHE.set(key, f);
  }
  return f ?? undefined;
}

export const MANDATORY_FIELDS: readonly FieldSpec[] = FIELDS.filter((f) => f.mandatory !== null);

/** Index in FIELDS of each canonical field name. */
export const IX: Readonly<Record<string, number>> = Object.freeze(Object.fromEntries(FIELDS.map((f) => [f.name, f.index])));

/** The index of a canonical field; throws at module load if the table lacks it. */
export function fieldIndex(name: string): number {
  const i = IX[name];
  if (i === undefined) throw new Error(`activity-fields: no field ${name}`);
  return i;
}
