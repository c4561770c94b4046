/**
 * Content types and sources (seed 001 table; seed 002 adds ltcu) and the metadata each content
 * type requires (seed 002): live-event needs editorialId, technicalId and programmeId; every other
 * content type needs editorialId.
 */

export const CONTENT_TYPES = ['vod-ed', 'npvr-event', 'live-event', 'live-stcu-event', 'start-over', 'ltcu', 'D2G'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

export const CONTENT_SOURCES = ['IPTV', 'OTT', 'Blend'] as const;
export type ContentSource = (typeof CONTENT_SOURCES)[number];

/** Canonical metadata field names each content type requires (non-empty). */
export const CONTENT_TYPE_REQUIRED: Readonly<Record<ContentType, readonly string[]>> = {
  'live-event': ['editorialId', 'technicalId', 'programmeId'],
  'live-stcu-event': ['editorialId'],
  'start-over': ['editorialId'],
  ltcu: ['editorialId'],
  'npvr-event': ['editorialId'],
  'vod-ed': ['editorialId'],
  D2G: ['editorialId'],
};

function caseInsensitive<T extends string>(values: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const v of values) {
    m.set(v, v);
    m.set(v.toLowerCase(), v);
  }
  return m;
}

const TYPES = caseInsensitive(CONTENT_TYPES);
const SOURCES = caseInsensitive(CONTENT_SOURCES);

/** Canonical content type for a value in any letter case, else undefined. */
export function canonicalContentType(v: string): ContentType | undefined {
  return TYPES.get(v) ?? TYPES.get(v.toLowerCase());
}

/** Canonical content source for a value in any letter case, else undefined. */
export function canonicalContentSource(v: string): ContentSource | undefined {
  return SOURCES.get(v) ?? SOURCES.get(v.toLowerCase());
}
