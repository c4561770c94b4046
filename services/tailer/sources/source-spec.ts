/**
 * `TAILER_SOURCES`: comma-separated `format:path-or-glob` entries, e.g.
 * `ssai:data/inbox/ssai/**,access:data/inbox/access/**`. `access` auto-detects the
 * access-log format per file; w3c, tsv, akamai and combined force one.
 */
export const SOURCE_FORMATS = ['ssai', 'access', 'w3c', 'tsv', 'akamai', 'combined'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface SourceSpec {
  /** Stable name of the source (`format:pattern`), used for its event-time watermark. */
  readonly name: string;
  readonly format: SourceFormat;
  readonly pattern: string;
}

export function isSourceFormat(v: string): v is SourceFormat {
  return (SOURCE_FORMATS as readonly string[]).includes(v);
}

export function parseSourceSpecs(text: string): SourceSpec[] {
  const out: SourceSpec[] = [];
  for (const raw of splitTopLevel(text)) {
    const entry = raw.trim();
    if (entry === '') continue;
    const colon = entry.indexOf(':');
    if (colon <= 0) throw new Error(`source "${entry}" must be format:path (formats: ${SOURCE_FORMATS.join(', ')})`);
    const format = entry.slice(0, colon).trim().toLowerCase();
    const pattern = entry.slice(colon + 1).trim();
    if (!isSourceFormat(format)) throw new Error(`source "${entry}": unknown format "${format}" (formats: ${SOURCE_FORMATS.join(', ')})`);
    if (pattern === '') throw new Error(`source "${entry}": empty path`);
    out.push({ name: `${format}:${pattern}`, format, pattern });
  }
  if (out.length === 0) throw new Error('no sources given');
  return out;
}

/** Splits on commas outside `{…}` (so `a/{x,y}/*` stays one entry). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
