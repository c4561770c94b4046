/**
 * What crosses between a file job's thread and a parse worker (TAILER_PARSE_WORKERS). Lines go out
 * as strings; outcomes come back packed: kinds, event times and encoded values in typed arrays (the
 * values back to back in one transferred buffer), keys as strings, reasons only for the lines that
 * have one. Posting thousands of small Buffers would clone each one.
 */
import type { ResolvedFormat } from '../checkpoint/checkpoint.ts';
import type { PipelineOptions } from './format-pipeline.ts';
import { SKIPPED, type LineOutcome } from './line-outcome.ts';

export interface ParseWorkerInit {
  /** Encoders of schemas already registered (the worker builds them from the ids, no registry). */
  encoders: { ssai: { schemaId: number; subject: string }; access: { schemaId: number; subject: string } };
}

export type ParseRequest =
  | { op: 'open'; session: number; format: ResolvedFormat; opts: PipelineOptions }
  | { op: 'parse'; session: number; id: number; texts: readonly string[]; firstLineNo: number }
  | { op: 'close'; session: number };

export interface PackedOutcomes {
  id: number;
  kinds: Uint8Array;
  times: Float64Array;
  keys: Array<string | null>;
  values: Uint8Array;
  /** Value i is values[offsets[i], offsets[i + 1]). */
  offsets: Int32Array;
  /** [line index, code, reason] of rejected and unencodable lines. */
  notes: Array<[number, string, string]>;
}

export type ParseReply = PackedOutcomes | { id: number; error: string };

const RECORD = 0;
const UNENCODABLE = 1;
const SKIP = 2;
const REJECT = 3;

export function packOutcomes(id: number, outcomes: readonly LineOutcome[]): { message: PackedOutcomes; transfer: ArrayBuffer[] } {
  const n = outcomes.length;
  let total = 0;
  for (const o of outcomes) if (o.kind === 'record') total += o.value.length;
  const kinds = new Uint8Array(n);
  const times = new Float64Array(n);
  const keys = new Array<string | null>(n);
  const values = new Uint8Array(total);
  const offsets = new Int32Array(n + 1);
  const notes: Array<[number, string, string]> = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const o = outcomes[i] as LineOutcome;
    offsets[i] = at;
    keys[i] = null;
    if (o.kind === 'record') {
      kinds[i] = RECORD;
      times[i] = o.time;
      keys[i] = o.key;
      values.set(o.value, at);
      at += o.value.length;
    } else if (o.kind === 'unencodable') {
      kinds[i] = UNENCODABLE;
      times[i] = o.time;
      notes.push([i, '', o.reason]);
    } else if (o.kind === 'skip') kinds[i] = SKIP;
    else {
      kinds[i] = REJECT;
      notes.push([i, o.code, o.reason]);
    }
  }
  offsets[n] = at;
  return { message: { id, kinds, times, keys, values, offsets, notes }, transfer: [kinds.buffer, times.buffer, values.buffer, offsets.buffer] as ArrayBuffer[] };
}

/** The outcomes again, records' values as views of the one transferred buffer. */
export function unpackOutcomes(p: PackedOutcomes): LineOutcome[] {
  const n = p.kinds.length;
  const out = new Array<LineOutcome>(n);
  const notes = new Map<number, [string, string]>();
  for (const [i, code, reason] of p.notes) notes.set(i, [code, reason]);
  const base = p.values.byteOffset;
  for (let i = 0; i < n; i++) {
    const kind = p.kinds[i];
    if (kind === RECORD) {
      const start = p.offsets[i] as number;
      out[i] = { kind: 'record', key: p.keys[i] as string, time: p.times[i] as number, value: Buffer.from(p.values.buffer, base + start, (p.offsets[i + 1] as number) - start) };
    } else if (kind === SKIP) out[i] = SKIPPED;
    else {
      const [code, reason] = notes.get(i) ?? ['PARSE_ERROR', 'parse worker sent no reason'];
      out[i] = kind === UNENCODABLE ? { kind: 'unencodable', time: p.times[i] as number, reason } : { kind: 'reject', code, reason };
    }
  }
  return out;
}
