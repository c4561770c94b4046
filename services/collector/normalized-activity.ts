/**
 * A validated UAV activity with canonical field names: the output of validateActivity and the
 * input of enrichActivity. buildNormalized turns the validator's value array (indexed like FIELDS)
 * into it with one object literal per record, so every activity has the same object shapes.
 */
import type { UavMetadata } from '../../avro/generated/index.ts';
import { fieldIndex } from './activity-fields.ts';
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

type Vals = readonly unknown[];
const S = (v: Vals, i: number): string | null => (v[i] ?? null) as string | null;
const N = (v: Vals, i: number): number | null => (v[i] ?? null) as number | null;
const B = (v: Vals, i: number): boolean | null => (v[i] ?? null) as boolean | null;
const L = (v: Vals, i: number): number[] | null => (v[i] ?? null) as number[] | null;

const I = {
  eventId: fieldIndex('eventId'),
  accountId: fieldIndex('accountId'),
  userId: fieldIndex('userId'),
  deviceId: fieldIndex('deviceId'),
  key: fieldIndex('key'),
  activityDateTime: fieldIndex('activityDateTime'),
  clientLoggedDateTime: fieldIndex('clientLoggedDateTime'),
  appSessionId: fieldIndex('appSessionId'),
  playbackSessionId: fieldIndex('playbackSessionId'),
  appName: fieldIndex('appName'),
  appVersion: fieldIndex('appVersion'),
  appReference: fieldIndex('appReference'),
  deviceType: fieldIndex('deviceType'),
  sdkVersion: fieldIndex('sdkVersion'),
  sessionId: fieldIndex('sessionId'),
  contentType: fieldIndex('contentType'),
  contentSource: fieldIndex('contentSource'),
  editorialId: fieldIndex('editorialId'),
  technicalId: fieldIndex('technicalId'),
  programmeId: fieldIndex('programmeId'),
  seriesId: fieldIndex('seriesId'),
  trackingAssetId: fieldIndex('trackingAssetId'),
  source: fieldIndex('source'),
  uri: fieldIndex('uri'),
  contentQualityChanged: fieldIndex('contentQualityChanged'),
  playbackProgress: fieldIndex('playbackProgress'),
  position: fieldIndex('position'),
  timeToVideoStart: fieldIndex('timeToVideoStart'),
  selectedBitrate: fieldIndex('selectedBitrate'),
  selectedBitrateChanged: fieldIndex('selectedBitrateChanged'),
  streamBitrate: fieldIndex('streamBitrate'),
  downloadBitrate: fieldIndex('downloadBitrate'),
  downloadBitrateAverage: fieldIndex('downloadBitrateAverage'),
  availableBitrates: fieldIndex('availableBitrates'),
  bufferedDuration: fieldIndex('bufferedDuration'),
  bytesDownloaded: fieldIndex('bytesDownloaded'),
  droppedVideoFrames: fieldIndex('droppedVideoFrames'),
  totalVideoFrames: fieldIndex('totalVideoFrames'),
  stallCount: fieldIndex('stallCount'),
  stallDurationMs: fieldIndex('stallDurationMs'),
  errorCode: fieldIndex('errorCode'),
  errorMsg: fieldIndex('errorMsg'),
  playerTypeVersion: fieldIndex('playerTypeVersion'),
  adId: fieldIndex('adId'),
  adSupplier: fieldIndex('adSupplier'),
  deeplinkId: fieldIndex('deeplinkId'),
  deeplinkProviderId: fieldIndex('deeplinkProviderId'),
  railId: fieldIndex('railId'),
  templateId: fieldIndex('templateId'),
  depth: fieldIndex('depth'),
  hdepth: fieldIndex('hdepth'),
  vdepth: fieldIndex('vdepth'),
  policyType: fieldIndex('policyType'),
  policyShown: fieldIndex('policyShown'),
  policyRead: fieldIndex('policyRead'),
  policyConsentGiven: fieldIndex('policyConsentGiven'),
  consentForTargettedAd: fieldIndex('consentForTargettedAd'),
} as const;

/**
 * The normalised activity from validated values (v[i] is FIELDS[i]'s value, undefined when absent).
 * Mandatory fields must be set (validation guarantees it).
 */
export function buildNormalized(
  activityName: string,
  v: Vals,
  activityDateTimeMs: number | null,
  clientLoggedDateTimeMs: number | null,
  customMetadata: Record<string, string>,
): NormalizedActivity {
  return {
    activityName,
    eventId: S(v, I.eventId),
    accountId: v[I.accountId] as string,
    userId: v[I.userId] as string,
    deviceId: v[I.deviceId] as string,
    key: v[I.key] as string,
    activityDateTime: S(v, I.activityDateTime),
    clientLoggedDateTime: S(v, I.clientLoggedDateTime),
    appSessionId: S(v, I.appSessionId),
    playbackSessionId: S(v, I.playbackSessionId),
    appName: S(v, I.appName),
    appVersion: S(v, I.appVersion),
    appReference: S(v, I.appReference),
    deviceType: S(v, I.deviceType),
    sdkVersion: S(v, I.sdkVersion),
    activityDateTimeMs,
    clientLoggedDateTimeMs,
    metadata: {
      sessionId: S(v, I.sessionId),
      contentType: S(v, I.contentType),
      contentSource: S(v, I.contentSource),
      editorialId: S(v, I.editorialId),
      technicalId: S(v, I.technicalId),
      programmeId: S(v, I.programmeId),
      seriesId: S(v, I.seriesId),
      trackingAssetId: S(v, I.trackingAssetId),
      source: S(v, I.source),
      uri: S(v, I.uri),
      contentQualityChanged: S(v, I.contentQualityChanged),
      playbackProgress: N(v, I.playbackProgress),
      position: N(v, I.position),
      timeToVideoStart: N(v, I.timeToVideoStart),
      selectedBitrate: N(v, I.selectedBitrate),
      selectedBitrateChanged: N(v, I.selectedBitrateChanged),
      streamBitrate: N(v, I.streamBitrate),
      downloadBitrate: N(v, I.downloadBitrate),
      downloadBitrateAverage: N(v, I.downloadBitrateAverage),
      availableBitrates: L(v, I.availableBitrates),
      bufferedDuration: N(v, I.bufferedDuration),
      bytesDownloaded: N(v, I.bytesDownloaded),
      droppedVideoFrames: N(v, I.droppedVideoFrames),
      totalVideoFrames: N(v, I.totalVideoFrames),
      stallCount: N(v, I.stallCount),
      stallDurationMs: N(v, I.stallDurationMs),
      errorCode: S(v, I.errorCode),
      errorMsg: S(v, I.errorMsg),
      playerTypeVersion: S(v, I.playerTypeVersion),
      adId: S(v, I.adId),
      adSupplier: S(v, I.adSupplier),
      deeplinkId: S(v, I.deeplinkId),
      deeplinkProviderId: S(v, I.deeplinkProviderId),
      railId: S(v, I.railId),
      templateId: S(v, I.templateId),
      depth: N(v, I.depth),
      hdepth: N(v, I.hdepth),
      vdepth: N(v, I.vdepth),
      policyType: S(v, I.policyType),
      policyShown: B(v, I.policyShown),
      policyRead: B(v, I.policyRead),
      policyConsentGiven: B(v, I.policyConsentGiven),
      consentForTargettedAd: B(v, I.consentForTargettedAd),
    },
    customMetadata,
  };
}
