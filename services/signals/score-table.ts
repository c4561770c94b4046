/**
 * Recommendation scoring (seed 001, "Recommendations"): the default score per activity, from -1
 * (worst) to 1 (best), and which content reference the signal needs ("Required data").
 *
 * Seed rows kept: playbackStart 0.7 (content id by content type), scheduleRecording 0.7 (programme
 * id), deepLinkTriggered 0.5 (deep link id). Two more rows of the seed's table lost their activity
 * name in extraction (a score 1 row needing the content id by content type, and a 0.7 row needing a
 * technical id); they are not guessed here and can be added through the overrides.
 */
import { ConfigError } from '../runtime/errors.ts';

/**
 * Which id the signal is about:
 *  - content: by content type — live-event: programmeId, else editorialId, else technicalId;
 *    other content types (or none): editorialId, else programmeId, else technicalId
 *  - editorialId / technicalId / programmeId / deeplinkId: that field
 */
export type ItemRule = 'content' | 'editorialId' | 'technicalId' | 'programmeId' | 'deeplinkId';
export const ITEM_RULES: readonly ItemRule[] = ['content', 'editorialId', 'technicalId', 'programmeId', 'deeplinkId'];

export interface ScoreRule {
  score: number;
  item: ItemRule;
}

export type ScoreTable = Readonly<Record<string, ScoreRule>>;

export const DEFAULT_SCORE_TABLE: ScoreTable = Object.freeze({
  playbackStart: { score: 0.7, item: 'content' },
  scheduleRecording: { score: 0.7, item: 'programmeId' },
  deepLinkTriggered: { score: 0.5, item: 'deeplinkId' },
});

/** Overrides: a number changes the score (item rule kept, 'content' for new activities); null removes the activity. */
export type ScoreOverrides = Readonly<Record<string, number | ScoreRule | null>>;

function checkScore(activity: string, score: unknown): number {
  if (typeof score !== 'number' || !Number.isFinite(score) || score < -1 || score > 1) {
    throw new ConfigError(`recommendation score of ${activity} must be a number from -1 to 1 (got ${JSON.stringify(score)})`, { activity });
  }
  return score;
}

/** The default table with overrides applied; throws ConfigError naming the bad entry. */
export function resolveScoreTable(overrides: ScoreOverrides = {}, base: ScoreTable = DEFAULT_SCORE_TABLE): ScoreTable {
  const out: Record<string, ScoreRule> = { ...base };
  for (const [activity, o] of Object.entries(overrides)) {
    if (o === null) {
      delete out[activity];
    } else if (typeof o === 'number') {
      out[activity] = { score: checkScore(activity, o), item: base[activity]?.item ?? 'content' };
    } else {
      if (typeof o !== 'object' || !ITEM_RULES.includes(o.item)) {
        throw new ConfigError(`recommendation rule of ${activity} must be {score, item} with item one of ${ITEM_RULES.join(', ')}`, { activity });
      }
      out[activity] = { score: checkScore(activity, o.score), item: o.item };
    }
  }
  return Object.freeze(out);
}

/** Parses overrides from JSON text (e.g. an environment variable); throws ConfigError. */
export function parseScoreOverrides(json: string): ScoreOverrides {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch (err) {
    throw new ConfigError(`recommendation score overrides are not valid JSON: ${(err as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ConfigError('recommendation score overrides must be a JSON object {activityName: score}');
  return v as ScoreOverrides;
}
