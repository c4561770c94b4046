/**
 * Enrichment of a validated activity into the uav.events.v1 record (SPEC §1.1): eventId kept when
 * the client sent one, else generated; receivedAt and tenant; event time = activityDateTime, else
 * clientLoggedDateTime, else receivedAt; the client IP only as a keyed hash and a truncated network.
 */
import type { UavEvent } from '../../avro/generated/index.ts';
import { ConfigError } from '../runtime/errors.ts';
import { hashIp, truncateIp } from '../runtime/ip-privacy.ts';
import type { NormalizedActivity } from './normalized-activity.ts';

export interface EnrichContext {
  /** Tenant named by the bearer token. */
  tenant: string;
  /** When the request was received, ms since epoch. */
  receivedAt: number;
  /** Client IP as seen by the collector (never stored), or null when unknown. */
  clientIp: string | null | undefined;
  /** Secret key of the IP hash. Must be non-empty. */
  ipHashKey: string;
  /** Generates an event id (e.g. crypto.randomUUID) when the client sent none. */
  newId: () => string;
}

export type EventTimeSource = 'activityDateTime' | 'clientLoggedDateTime' | 'receivedAt';

/**
 * Memo of IP → [hash, truncated] for the current key: an HMAC per event is the costliest step of
 * enrichment and a client sends many events from one address. Bounded; reset when full or when the
 * key changes. Holds only derived values, never exposes raw IPs.
 */
const IP_MEMO_MAX = 50_000;
let ipMemoKey = '';
const ipMemo = new Map<string, readonly [string, string | null]>();

function ipForms(ip: string, key: string): readonly [string, string | null] {
  if (key !== ipMemoKey) {
    ipMemo.clear();
    ipMemoKey = key;
  }
  let f = ipMemo.get(ip);
  if (f === undefined) {
    const t = truncateIp(ip);
    f = [hashIp(ip, key), t === '' ? null : t];
    if (ipMemo.size >= IP_MEMO_MAX) ipMemo.clear();
    ipMemo.set(ip, f);
  }
  return f;
}

export function enrichActivity(a: NormalizedActivity, ctx: EnrichContext): UavEvent {
  if (ctx.ipHashKey.length === 0) throw new ConfigError('the client IP hash key is empty: the IP hash would be reversible', { setting: 'ipHashKey' });
  let eventTime = ctx.receivedAt;
  let eventTimeSource: EventTimeSource = 'receivedAt';
  if (a.activityDateTimeMs !== null) {
    eventTime = a.activityDateTimeMs;
    eventTimeSource = 'activityDateTime';
  } else if (a.clientLoggedDateTimeMs !== null) {
    eventTime = a.clientLoggedDateTimeMs;
    eventTimeSource = 'clientLoggedDateTime';
  }
  const ip = ctx.clientIp;
  let ipHash: string | null = null;
  let ipTruncated: string | null = null;
  if (ip !== null && ip !== undefined && ip !== '') {
    [ipHash, ipTruncated] = ipForms(ip, ctx.ipHashKey);
  }
  return {
    eventId: a.eventId ?? ctx.newId(),
    activityName: a.activityName,
    tenant: ctx.tenant,
    receivedAt: ctx.receivedAt,
    eventTime,
    eventTimeSource,
    activityDateTime: a.activityDateTime,
    clientLoggedDateTime: a.clientLoggedDateTime,
    accountId: a.accountId,
    userId: a.userId,
    deviceId: a.deviceId,
    key: a.key,
    appSessionId: a.appSessionId,
    playbackSessionId: a.playbackSessionId,
    appName: a.appName,
    appVersion: a.appVersion,
    appReference: a.appReference,
    deviceType: a.deviceType,
    sdkVersion: a.sdkVersion,
    ipHash,
    ipTruncated,
    metadata: a.metadata,
    customMetadata: a.customMetadata,
  };
}

/** The Kafka record key of uav.events.v1: appSessionId, else deviceId (SPEC §2). */
export function uavRecordKey(e: Pick<UavEvent, 'appSessionId' | 'deviceId'>): string {
  return e.appSessionId ?? e.deviceId;
}
