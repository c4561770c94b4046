/**
 * The activity stream of one viewer, in time order: app sessions (appStart … appEnd) with rail
 * browsing, occasional deep links, recordings and downloads, and one or more playback sessions —
 * a new playbackSessionId whenever the content changes (including a live programme change).
 * The first app start of a device reports its privacy-policy choice.
 */
import { CONTENT_TYPE_MIX } from './catalogue.ts';
import type { Catalogue, Content } from './catalogue.ts';
import { playbackSession } from './playback-session.ts';
import type { Rng } from '../runtime/seeded-rng.ts';
import type { SimEvent, SimRates, SimSessionTruth } from './sim-types.ts';
import { contentMetadata, makeBody } from './viewer-profile.ts';
import type { Viewer } from './viewer-profile.ts';

export interface ViewerContext {
  rng: Rng;
  viewer: Viewer;
  catalogue: Catalogue;
  firstAt: number;
  simEnd: number;
  heartbeatMs: number;
  rates: SimRates;
  clientEventIds: boolean;
  onSession: ((t: SimSessionTruth) => void) | undefined;
}

const MINUTE = 60_000;

function chooseContent(ctx: ViewerContext, t: number): Content {
  const { rng, catalogue, viewer } = ctx;
  const type = rng.weighted(CONTENT_TYPE_MIX);
  if (type === 'live-event') return catalogue.live(rng.pick(catalogue.channels), t, viewer.contentSource);
  return catalogue.onDemand(rng, type, type === 'D2G' ? 'OTT' : viewer.contentSource);
}

/** Play time the viewer wants: a while for live, most or all of the rest for on-demand. */
function budgetFor(rng: Rng, c: Content): number {
  if (c.contentType === 'live-event') return rng.int(2, 75) * MINUTE;
  const rest = Math.max(60, c.durationSec - c.startPositionSec) * 1000;
  return Math.round(rng.chance(0.5) ? rest : rest * rng.float(0.05, 0.9));
}

export function* viewerEvents(ctx: ViewerContext): Generator<SimEvent, void, undefined> {
  const { rng, viewer, simEnd } = ctx;
  let t = ctx.firstAt;
  let firstStart = true;
  while (t < simEnd) {
    const buf: SimEvent[] = [];
    const emit = (at: number, activityName: string, metadata: Record<string, unknown>): void => {
      if (at >= simEnd) return;
      buf.push({ at, activityName, body: makeBody(viewer, at, metadata, ctx.clientEventIds ? rng.uuid() : null) });
    };
    const appSessionId = rng.uuid();
    emit(t, 'appStart', { appSessionId });
    if (firstStart) {
      firstStart = false;
      emit(t + rng.int(300, 3000), 'privacyPolicy', {
        appSessionId,
        policyType: 'Data Retention',
        policyShown: true,
        policyRead: rng.chance(0.4),
        policyConsentGiven: rng.chance(0.85),
        consentForTargettedAd: rng.chance(0.6),
      });
      t += 3000;
    }
    t += rng.int(2000, 15_000);
    const templateId = `tpl-${rng.int(1, 5)}`;
    if (rng.chance(0.6)) {
      emit(t, 'railView', { appSessionId, railId: `rail-${rng.int(1, 20)}`, templateId, depth: rng.int(0, 6), vdepth: rng.int(0, 6) });
      t += rng.int(2000, 20_000);
    }
    const plays = rng.int(1, 4);
    for (let p = 0; p < plays && t < simEnd; p++) {
      const side = rng.next();
      if (side < 0.05) {
        const deeplinkProviderId = rng.pick(['netflix', 'prime', 'disney']);
        emit(t, 'deepLinkTriggered', { appSessionId, deeplinkId: `dl-${rng.hex(8)}`, deeplinkProviderId });
        emit(t + 800, 'thirdPartyAppStart', { appSessionId, deeplinkProviderId, appReference: deeplinkProviderId });
        t += rng.int(2, 30) * MINUTE;
        emit(t, 'returnToLauncher', { appSessionId });
        t += rng.int(2000, 10_000);
      } else if (side < 0.1) {
        const ch = rng.pick(ctx.catalogue.channels);
        const next = ctx.catalogue.programme(ch, t + ch.slotMs);
        emit(t, 'scheduleRecording', {
          appSessionId,
          contentType: 'live-event',
          editorialId: ch.editorialId,
          technicalId: ch.technicalId,
          programmeId: next.programmeId,
        });
        t += rng.int(2000, 10_000);
      } else if (side < 0.13) {
        const title = rng.pick(ctx.catalogue.titles);
        emit(t, 'downloadTriggered', { appSessionId, contentType: 'D2G', contentSource: 'OTT', editorialId: title.editorialId });
        t += rng.int(2000, 10_000);
      }
      let content = chooseContent(ctx, t);
      if (rng.chance(0.5)) {
        const m = contentMetadata(viewer, appSessionId, '', content);
        delete m['playbackSessionId'];
        emit(t, 'railSelection', { ...m, railId: `rail-${rng.int(1, 20)}`, templateId, hdepth: rng.int(0, 12), vdepth: rng.int(0, 6) });
        t += rng.int(1000, 8000);
      }
      let budget = budgetFor(rng, content);
      let start: 'user' | 'continuation' = 'user';
      for (;;) {
        const r = playbackSession({
          rng,
          viewer,
          appSessionId,
          content,
          startAt: t,
          start,
          budgetMs: budget,
          heartbeatMs: ctx.heartbeatMs,
          simEnd,
          rates: ctx.rates,
          emit,
        });
        ctx.onSession?.(r.truth);
        t = r.endAt;
        if (!r.continueLive || t >= simEnd || content.channel === null) break;
        budget -= r.playedMs;
        content = ctx.catalogue.live(content.channel, t, content.contentSource);
        start = 'continuation';
      }
      t += rng.int(3000, 60_000);
    }
    emit(t, 'appEnd', { appSessionId });
    buf.sort((a, b) => a.at - b.at);
    yield* buf;
    t += rng.int(1, 45) * MINUTE;
  }
}
