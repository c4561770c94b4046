/**
 * What crosses between the request's thread and a batch worker. Encoded records travel packed in one
 * transferred buffer (values back to back, their offsets, keys as strings): posting hundreds of small
 * Buffers would clone each one.
 */
import type { OutgoingMessage } from '../runtime/message-bus.ts';
import type { BatchContext, BatchOutcome } from './process-batch-body.ts';

export interface BatchWorkerInit {
  schemaId: number;
  subject: string;
}

export interface BatchJob {
  id: number;
  body: Uint8Array;
  ctx: Omit<BatchContext, 'newId'>;
}

type ItemsOutcome = Extract<BatchOutcome, { kind: 'items' }>;
type PackedItems = Omit<ItemsOutcome, 'events'> & { values: Uint8Array; offsets: Int32Array; keys: Array<string | null> };

export interface BatchReply {
  id: number;
  outcome?: Exclude<BatchOutcome, ItemsOutcome>;
  items?: PackedItems;
}

export function packOutcome(id: number, outcome: BatchOutcome): { message: BatchReply; transfer: ArrayBuffer[] } {
  if (outcome.kind !== 'items') return { message: { id, outcome }, transfer: [] };
  const { events, ...rest } = outcome;
  let total = 0;
  for (const e of events) total += e.value?.length ?? 0;
  const values = new Uint8Array(total);
  const offsets = new Int32Array(events.length + 1);
  const keys: Array<string | null> = new Array<string | null>(events.length);
  let o = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as OutgoingMessage;
    offsets[i] = o;
    if (e.value) {
      values.set(e.value, o);
      o += e.value.length;
    }
    keys[i] = e.key === null ? null : String(e.key);
  }
  offsets[events.length] = o;
  return { message: { id, items: { ...rest, values, offsets, keys } }, transfer: [values.buffer as ArrayBuffer, offsets.buffer as ArrayBuffer] };
}

/** The outcome again on the request's thread: records as views of the one buffer, dead-letter payloads as Buffers. */
export function unpackReply(reply: BatchReply): BatchOutcome {
  if (reply.outcome) return reply.outcome;
  const p = reply.items as PackedItems;
  const events: OutgoingMessage[] = new Array<OutgoingMessage>(p.keys.length);
  for (let i = 0; i < p.keys.length; i++) {
    const start = p.offsets[i] as number;
    events[i] = { key: p.keys[i] ?? null, value: Buffer.from(p.values.buffer, p.values.byteOffset + start, (p.offsets[i + 1] as number) - start) };
  }
  const deadLetters = p.deadLetters.map((d) => ({ ...d, payload: Buffer.from(d.payload.buffer, d.payload.byteOffset, d.payload.length) }));
  return { kind: 'items', events, deadLetters, results: p.results, acceptedNames: p.acceptedNames, devices: p.devices, rejectedReasons: p.rejectedReasons };
}
