/**
 * Maps one UAV activity to a recommendation signal (SPEC §2, topic reco.signals.v1, key userId
 * else deviceId), or null when the activity is not scored or lacks the content reference it needs.
 */
import type { RecoSignal, UavEvent } from '../../avro/generated/index.ts';
import { DEFAULT_SCORE_TABLE } from './score-table.ts';
import type { ItemRule, ScoreTable } from './score-table.ts';

type ItemIdType = Exclude<ItemRule, 'content'>;

function nonEmpty(v: string | null): v is string {
  return v !== null && v !== '';
}

/** The content reference a rule needs, with its type, or null. */
export function pickItem(e: UavEvent, rule: ItemRule): { itemId: string; itemIdType: ItemIdType } | null {
  const m = e.metadata;
  if (rule !== 'content') {
    const v = m[rule];
    return nonEmpty(v) ? { itemId: v, itemIdType: rule } : null;
  }
  const order: readonly ItemIdType[] =
    m.contentType === 'live-event' ? ['programmeId', 'editorialId', 'technicalId'] : ['editorialId', 'programmeId', 'technicalId'];
  for (const t of order) {
    const v = m[t];
    if (nonEmpty(v)) return { itemId: v, itemIdType: t };
  }
  return null;
}

export function scoreSignal(e: UavEvent, table: ScoreTable = DEFAULT_SCORE_TABLE): RecoSignal | null {
  const rule = Object.prototype.hasOwnProperty.call(table, e.activityName) ? table[e.activityName] : undefined;
  if (rule === undefined) return null;
  const item = pickItem(e, rule.item);
  if (item === null) return null;
  const userId = e.userId === '' ? null : e.userId;
  const m = e.metadata;
  return {
    signalId: `${e.eventId}:reco`,
    eventId: e.eventId,
    tenant: e.tenant,
    accountId: e.accountId,
    userId,
    deviceId: e.deviceId,
    key: userId ?? e.deviceId,
    activityName: e.activityName,
    score: rule.score,
    itemId: item.itemId,
    itemIdType: item.itemIdType,
    contentType: m.contentType,
    contentSource: m.contentSource,
    editorialId: m.editorialId,
    technicalId: m.technicalId,
    programmeId: m.programmeId,
    seriesId: m.seriesId,
    deeplinkId: m.deeplinkId,
    deeplinkProviderId: m.deeplinkProviderId,
    appSessionId: e.appSessionId,
    playbackSessionId: e.playbackSessionId,
    eventTime: e.eventTime,
  };
}
