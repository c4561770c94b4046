/**
 * The simulated operator's content: live channels with a programme grid, VOD titles, recordings
 * and catch-up events, one bitrate ladder. Derived from the seed only.
 */
import type { ContentSource, ContentType } from '../collector/content-rules.ts';
import { deriveSeed, Rng } from '../runtime/seeded-rng.ts';

export const BITRATE_LADDER: readonly number[] = [400_000, 800_000, 1_600_000, 3_000_000, 5_000_000, 8_000_000];

export interface Channel {
  index: number;
  editorialId: string;
  technicalId: string;
  source: 'DVB' | 'OTT';
  /** Programme slot length in ms (programmes are aligned on the epoch). */
  slotMs: number;
}

export interface Title {
  editorialId: string;
  seriesId: string | null;
  durationSec: number;
}

/** What one playback session plays. For live-event, programmeId and positions follow the grid. */
export interface Content {
  contentType: ContentType;
  contentSource: ContentSource;
  editorialId: string;
  technicalId: string | null;
  programmeId: string | null;
  seriesId: string | null;
  /** Content length in seconds (live: the programme slot). */
  durationSec: number;
  /** Position in seconds where playback starts. */
  startPositionSec: number;
  uri: string;
  /** Live only: end of the current programme (ms); a new playback session starts there. */
  programmeEndMs: number | null;
  channel: Channel | null;
}

export const CONTENT_TYPE_MIX: readonly (readonly [ContentType, number])[] = [
  ['live-event', 40],
  ['vod-ed', 25],
  ['npvr-event', 10],
  ['live-stcu-event', 8],
  ['start-over', 7],
  ['ltcu', 5],
  ['D2G', 5],
];

export class Catalogue {
  readonly channels: Channel[] = [];
  readonly titles: Title[] = [];
  readonly recordings: Title[] = [];

  constructor(seed: number) {
    const rng = new Rng(deriveSeed(seed, 0x0ca7a106));
    for (let i = 0; i < 12; i++) {
      this.channels.push({
        index: i,
        editorialId: `ch-${String(i + 1).padStart(3, '0')}`,
        technicalId: `tch-${String(i + 1).padStart(3, '0')}-${rng.pick(['hd', 'sd', 'uhd'])}`,
        source: rng.chance(0.7) ? 'DVB' : 'OTT',
        slotMs: rng.pick([30, 60, 60, 90]) * 60_000,
      });
    }
    for (let i = 0; i < 200; i++) {
      this.titles.push({
        editorialId: `vod-${rng.hex(8)}`,
        seriesId: rng.chance(0.4) ? `series-${rng.int(1, 30)}` : null,
        durationSec: rng.int(20, 120) * 60,
      });
    }
    for (let i = 0; i < 60; i++) {
      this.recordings.push({ editorialId: `evt-${rng.hex(8)}`, seriesId: null, durationSec: rng.pick([30, 45, 60, 90]) * 60 });
    }
  }

  /** The programme of a channel at time t. */
  programme(ch: Channel, t: number): { programmeId: string; startMs: number; endMs: number } {
    const startMs = Math.floor(t / ch.slotMs) * ch.slotMs;
    return { programmeId: `prg-${ch.editorialId}-${Math.floor(startMs / 60_000)}`, startMs, endMs: startMs + ch.slotMs };
  }

  /** Live content of a channel at time t (position = seconds since the programme started). */
  live(ch: Channel, t: number, contentSource: ContentSource): Content {
    const p = this.programme(ch, t);
    return {
      contentType: 'live-event',
      contentSource,
      editorialId: ch.editorialId,
      technicalId: ch.technicalId,
      programmeId: p.programmeId,
      seriesId: null,
      durationSec: (p.endMs - p.startMs) / 1000,
      startPositionSec: (t - p.startMs) / 1000,
      uri: `https://cdn.example.net/live/${ch.technicalId}/master.m3u8`,
      programmeEndMs: p.endMs,
      channel: ch,
    };
  }

  /** Content of a non-live type chosen with rng. */
  onDemand(rng: Rng, contentType: ContentType, contentSource: ContentSource): Content {
    const fromTitles = contentType === 'vod-ed' || contentType === 'D2G';
    const t = rng.pick(fromTitles ? this.titles : this.recordings);
    const ch = fromTitles ? null : rng.pick(this.channels);
    const resume = contentType === 'vod-ed' && rng.chance(0.25) ? rng.int(60, Math.floor(t.durationSec / 2)) : 0;
    return {
      contentType,
      contentSource,
      editorialId: t.editorialId,
      technicalId: ch ? ch.technicalId : null,
      programmeId: null,
      seriesId: t.seriesId,
      durationSec: t.durationSec,
      startPositionSec: resume,
      uri: contentType === 'D2G' ? `file:///downloads/${t.editorialId}.mp4` : `https://cdn.example.net/vod/${t.editorialId}/master.m3u8`,
      programmeEndMs: null,
      channel: ch,
    };
  }
}
