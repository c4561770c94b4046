/**
 * Records of the compacted checkpoint topic (tailer.checkpoints.v1), JSON values:
 *  - `file/<fileId>`: how far a file is published (byte offset, line), its identity, done flag;
 *  - `wm/<source>`: a source's event-time watermark;
 *  - `marker/<transactionalId>`: written at restore, read back to know the topic was read to the end.
 * Each file and watermark record is written in the same Kafka transaction as the records it covers.
 */
import type { AccessFormat } from '../../../avro/generated/index.ts';

export type ResolvedFormat = 'ssai' | AccessFormat;

export interface FileCheckpoint {
  readonly kind: 'file';
  readonly fileId: string;
  readonly dev: number;
  readonly ino: number;
  readonly generation: number;
  readonly fpLen: number;
  readonly fpHash: string;
  readonly path: string;
  readonly source: string;
  /** null until detected (access sources). */
  readonly format: ResolvedFormat | null;
  readonly gzip: boolean;
  /** Byte offset after the last published line (decompressed bytes for gzip). */
  readonly offset: number;
  /** Number of the last published line (1-based; 0 = none). */
  readonly line: number;
  /** Nothing more will be read (gzip read completely, corrupt, unknown format). */
  readonly done: boolean;
  /** The file was deleted by the retention clean-up. */
  readonly deleted: boolean;
  readonly error: string | null;
  readonly updatedAt: number;
}

export interface WatermarkRecord {
  readonly kind: 'watermark';
  readonly source: string;
  readonly eventTimeMs: number;
}

export interface MarkerRecord {
  readonly kind: 'marker';
  readonly nonce: string;
}

export type CheckpointRecord = FileCheckpoint | WatermarkRecord | MarkerRecord;

export const fileKey = (fileId: string) => `file/${fileId}`;
export const watermarkKey = (source: string) => `wm/${source}`;
export const markerKey = (transactionalId: string) => `marker/${transactionalId}`;

export function encodeCheckpoint(r: CheckpointRecord): Buffer {
  return Buffer.from(JSON.stringify(r));
}

export function decodeCheckpoint(value: Buffer): CheckpointRecord | null {
  try {
    const v = JSON.parse(value.toString('utf8')) as { kind?: unknown };
    if (v && (v.kind === 'file' || v.kind === 'watermark' || v.kind === 'marker')) return v as CheckpointRecord;
  } catch {
    // not ours
  }
  return null;
}
