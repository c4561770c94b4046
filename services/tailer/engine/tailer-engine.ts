/**
 * The tailer's loop: every poll interval, discover the sources' files, identify each against the
 * committed checkpoints and hand files with unread data to free lanes (one transactional producer
 * each). On start (and after a failed transaction, whose outcome may be unknown) the producers are
 * (re)connected with their transactionalIds, which fences a predecessor and aborts its open
 * transaction, and the checkpoints are read back from Kafka, the source of truth.
 */
import { unlink } from 'node:fs/promises';
import type { Logger } from '../../runtime/logger.ts';
import type { MessageBus } from '../../runtime/message-bus.ts';
import { isRetriable } from '../../runtime/errors.ts';
import { discoverAll } from '../sources/discover.ts';
import type { SourceSpec } from '../sources/source-spec.ts';
import { SettleTracker } from '../follow/settle-tracker.ts';
import { inodeKey } from '../follow/file-identity.ts';
import { CheckpointIndex } from '../checkpoint/checkpoint-index.ts';
import { restoreCheckpoints } from '../checkpoint/restore-checkpoints.ts';
import { encodeCheckpoint, fileKey, type FileCheckpoint } from '../checkpoint/checkpoint.ts';
import { shouldDelete } from '../cleanup/retention.ts';
import { EventTimeWatermark } from '../publish/late-cutoff.ts';
import { identifyFile, type VerifiedCache } from './identify-file.ts';
import { runFileJob } from './file-job.ts';
import { Lane, type LaneProducer } from './lane.ts';

/** Transactional producers per lane (see lane.ts). */
const PRODUCERS_PER_LANE = 2;
import type { JobContext, JobSettings } from './job-context.ts';
import type { OpenLineParser } from '../publish/line-parser.ts';
import type { ChunkTopics } from '../publish/chunk-builder.ts';
import type { DeadLetter } from '../../../avro/generated/index.ts';
import type { Encoder } from '../../runtime/avro-serde.ts';
import type { TailerTelemetry } from '../telemetry.ts';

export interface EngineOptions {
  bus: MessageBus;
  logger: Logger;
  tel: TailerTelemetry;
  sources: readonly SourceSpec[];
  instanceId: string;
  lanes: number;
  pollIntervalMs: number;
  settleMs: number;
  cleanup: { enabled: boolean; retentionDays: number };
  settings: JobSettings;
  openParser: OpenLineParser;
  dlqEncoder: Encoder<DeadLetter>;
  topics: ChunkTopics;
  /** Consumer-group prefix for the restore reader. */
  groupPrefix: string;
  cwd?: string;
}

export class TailerEngine {
  readonly index = new CheckpointIndex();
  private lanes: Lane[] = [];
  private readonly busy = new Set<string>();
  private readonly jobs = new Set<Promise<void>>();
  private readonly pendingWatermarks = new Map<string, EventTimeWatermark>();
  private readonly settle: SettleTracker;
  private readonly verified: VerifiedCache = new Map();
  private running = false;
  private draining = false;
  private needsRecovery = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private ready = false;
  private readonly ctx: JobContext;

  constructor(private readonly o: EngineOptions) {
    this.settle = new SettleTracker(o.settleMs);
    this.ctx = {
      settings: o.settings,
      openParser: o.openParser,
      dlqEncoder: o.dlqEncoder,
      topics: o.topics,
      index: this.index,
      tel: o.tel,
      logger: o.logger,
      watermarkOf: (source) => this.watermarkOf(source),
      shouldStop: () => this.draining || this.needsRecovery,
    };
  }

  isReady(): boolean {
    return this.ready && !this.needsRecovery;
  }

  private watermarkOf(source: string): EventTimeWatermark {
    let w = this.pendingWatermarks.get(source);
    if (!w) {
      w = new EventTimeWatermark(this.index.watermark(source), this.o.settings.lateCutoffMs);
      this.pendingWatermarks.set(source, w);
    }
    return w;
  }

  /** Connects the producers (fencing predecessors) and restores the checkpoints from Kafka. */
  async connect(): Promise<void> {
    for (const l of this.lanes) await l.disconnect();
    this.lanes = [];
    for (let i = 0; i < this.o.lanes; i++) {
      const producers: LaneProducer[] = [];
      for (let j = 0; j < PRODUCERS_PER_LANE; j++) {
        const transactionalId = `${this.o.instanceId}-${i * PRODUCERS_PER_LANE + j}`;
        const producer = this.o.bus.transactionalProducer({ transactionalId });
        await producer.connect(); // fences a predecessor with this id and aborts its open transaction
        producers.push({ transactionalId, producer });
      }
      this.lanes.push(new Lane(producers, this.o.tel));
    }
    const first = (this.lanes[0] as Lane).producers[0] as LaneProducer;
    await restoreCheckpoints({ bus: this.o.bus, producer: first.producer, topic: this.o.topics.checkpoints, transactionalId: first.transactionalId, groupPrefix: this.o.groupPrefix }, this.index);
    this.pendingWatermarks.clear();
    this.verified.clear();
    this.o.tel.restores.inc();
    this.ready = true;
    this.o.logger.info({ files: this.index.size, lanes: this.lanes.length }, 'checkpoints restored');
  }

  /** Starts polling in the background. */
  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    let backoff = 500;
    while (this.running) {
      try {
        if (this.needsRecovery) {
          await this.waitForJobs();
          await this.connect();
          this.needsRecovery = false;
          backoff = 500;
        }
        await this.pollOnce();
      } catch (err) {
        this.o.logger.error({ err }, 'tailer poll failed');
        this.needsRecovery = true;
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
        continue;
      }
      await this.sleep(this.o.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  private kick(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** One discovery pass: starts jobs on free lanes. Returns the number of jobs started. */
  async pollOnce(): Promise<number> {
    const files = await discoverAll(this.o.sources, this.o.cwd);
    const now = Date.now();
    const seen = new Set<string>();
    let started = 0;
    let backlog = 0;
    for (const f of files) {
      const key = inodeKey(f.stats.dev, f.stats.ino);
      seen.add(key);
      const known = this.index.latestForInode(f.stats.dev, f.stats.ino);
      if (known && !known.gzip && !known.done && known.offset < f.stats.size) backlog += f.stats.size - known.offset;
      if (this.busy.has(key) || this.draining || this.needsRecovery) continue;
      const lane = this.lanes.find((l) => !l.busy);
      if (!lane) continue;
      if (this.o.cleanup.enabled && known && known.path === f.path && shouldDelete(known, f.stats, now, this.o.cleanup.retentionDays)) {
        this.launch(key, lane, () => this.deleteFile(known, lane));
        started++;
        continue;
      }
      const job = await identifyFile(f, { index: this.index, settle: this.settle, verified: this.verified, nowMs: now });
      if (!job) continue;
      this.launch(key, lane, () => runFileJob(job, lane, this.ctx));
      started++;
    }
    this.settle.retain(seen);
    for (const k of this.verified.keys()) if (!seen.has(k)) this.verified.delete(k);
    this.o.tel.tracked.set(files.length);
    this.o.tel.backlog.set(backlog);
    for (const [source, w] of this.pendingWatermarks) {
      const fmt = this.o.sources.find((s) => s.name === source)?.format ?? 'unknown';
      if (w.value !== null) this.o.tel.watermark.set({ format: fmt }, w.value / 1000);
    }
    return started;
  }

  private launch(key: string, lane: Lane, work: () => Promise<void>): void {
    this.busy.add(key);
    lane.busy = true;
    const p = work()
      .catch((err: unknown) => {
        this.o.logger.error({ err, retriable: isRetriable(err) }, 'file job failed; recovering from the committed checkpoints');
        this.needsRecovery = true;
      })
      .finally(() => {
        this.busy.delete(key);
        lane.busy = false;
        this.jobs.delete(p);
        this.kick();
      });
    this.jobs.add(p);
  }

  private async deleteFile(cp: FileCheckpoint, lane: Lane): Promise<void> {
    const next: FileCheckpoint = { ...cp, deleted: true, updatedAt: Date.now() };
    if (!cp.deleted) {
      await lane.send([{ topic: this.o.topics.checkpoints, messages: [{ key: fileKey(cp.fileId), value: encodeCheckpoint(next) }] }]);
      this.index.putFile(next);
    }
    await unlink(cp.path).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    this.o.tel.files.inc({ format: cp.format ?? 'unknown', event: 'deleted' });
    this.o.logger.info({ file: cp.path, fileId: cp.fileId }, 'deleted processed file past retention');
  }

  async waitForJobs(): Promise<void> {
    while (this.jobs.size > 0) await Promise.all([...this.jobs]);
  }

  /** Polls until a pass finds nothing to do and no job is running (backfill). */
  async runUntilIdle(): Promise<void> {
    for (;;) {
      const started = await this.pollOnce();
      await this.waitForJobs();
      if (this.needsRecovery) throw new Error('a transaction failed; rerun the backfill (it resumes from the checkpoints)');
      if (started === 0) return;
    }
  }

  /** Drains: no new jobs, running jobs finish their transaction in flight, producers disconnect. */
  async stop(): Promise<void> {
    this.draining = true;
    this.running = false;
    this.kick();
    await this.loop?.catch(() => undefined);
    await this.waitForJobs();
    for (const l of this.lanes) await l.disconnect();
    this.lanes = [];
    this.ready = false;
  }
}
