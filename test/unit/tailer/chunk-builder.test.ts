/**
 * A chunk takes each line's outcome: records join it unless late; rejected, late and unencodable
 * lines become dead letters with file, line and reason; the late-data rule applies before the Avro
 * check (a late line is late, whether or not it encodes), as it did when parsing happened inside the chunk.
 */
import { describe, it, expect } from 'vitest';
import avro from 'avsc';
import type { DeadLetter } from '../../../avro/generated/index.ts';
import { loadSchema } from '../../../avro/subjects.ts';
import { framedEncoder } from '../../../services/runtime/avro-serde.ts';
import { ChunkBuilder } from '../../../services/tailer/publish/chunk-builder.ts';
import { streamOf } from '../../../services/tailer/publish/format-pipeline.ts';
import { EventTimeWatermark } from '../../../services/tailer/publish/late-cutoff.ts';

const dlqType = avro.Type.forSchema(loadSchema('dlq.v1') as avro.Schema);
const dlqEncoder = framedEncoder<DeadLetter>(dlqType, 3, 'dlq.v1-value');
const DAY = 86_400_000;
const T0 = Date.parse('2026-11-20T00:00:00Z');

function chunk() {
  const ctx = { topics: { ssai: 's', access: 'a', dlq: 'd', checkpoints: 'c' }, dlqEncoder, lateCutoffMs: 3 * DAY, file: '/inbox/x.tsv', fileId: 'f1', tenant: null, ipHashKey: 'k' };
  return new ChunkBuilder(streamOf('tsv'), new EventTimeWatermark(null, 3 * DAY), ctx);
}
const dead = (b: ChunkBuilder) => b.dead.map((m) => dlqType.fromBuffer((m.value as Buffer).subarray(5)) as DeadLetter).map((d) => [d.line, d.reasonCode, d.payload.toString()]);

describe('ChunkBuilder.accept', () => {
  it('adds records, counts skips and dead-letters rejections with file and line', () => {
    const b = chunk();
    b.accept({ kind: 'record', key: 'k1', time: T0, value: Buffer.from('v1') }, 'line 1', 1, 7);
    b.accept({ kind: 'skip' }, '#comment', 2, 9);
    b.accept({ kind: 'reject', code: 'BAD_DATE', reason: 'no date' }, 'line 3', 3, 7);
    expect(b.events).toEqual([{ key: 'k1', value: Buffer.from('v1') }]);
    expect(b.lines).toBe(3);
    expect(b.counts).toMatchObject({ published: 1, skipped: 1, rejected: 1, late: 0, bytes: 23 });
    expect(b.counts.reasons).toEqual(new Map([['BAD_DATE', 1]]));
    expect(dead(b)).toEqual([[3, 'BAD_DATE', 'line 3']]);
    expect(b.encodedBytes).toBeGreaterThan(4);
  });

  it('applies the late rule before the Avro check, and an unencodable line still moves the watermark', () => {
    const b = chunk();
    b.accept({ kind: 'unencodable', time: T0 + 10 * DAY, reason: 'invalid status' }, 'future but bad', 1, 1);
    b.accept({ kind: 'unencodable', time: T0, reason: 'invalid status' }, 'late and bad', 2, 1);
    b.accept({ kind: 'record', key: 'k', time: T0 + 1, value: Buffer.from('v') }, 'late and good', 3, 1);
    b.accept({ kind: 'record', key: 'k', time: T0 + 9 * DAY, value: Buffer.from('v') }, 'in time', 4, 1);
    expect(dead(b)).toEqual([
      [1, 'AVRO_INVALID', 'future but bad'],
      [2, 'LATE_EVENT', 'late and bad'],
      [3, 'LATE_EVENT', 'late and good'],
    ]);
    expect(b.counts).toMatchObject({ published: 1, rejected: 1, late: 2 });
    expect(b.counts.reasons).toEqual(new Map([['AVRO_INVALID', 1]]));
    expect(b.events).toHaveLength(1);
  });
});
