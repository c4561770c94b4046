/**
 * Dead letters (topic dlq.v1): the raw input, where it came from, a stable reason code and a
 * human reason. Keyed by source. Every service builds them here so they all look alike.
 */
import { randomUUID } from 'node:crypto';
import type { DeadLetter } from '../../avro/generated/index.ts';
import type { OutgoingMessage } from './message-bus.ts';
import type { Encoder } from './avro-serde.ts';

export interface DeadLetterInput {
  source: string;
  reasonCode: string;
  reason: string;
  payload: Buffer | string;
  tenant?: string | null;
  file?: string | null;
  fileId?: string | null;
  line?: number | null;
  attributes?: Record<string, string>;
  rejectedAt?: number;
}

export function deadLetter(input: DeadLetterInput): DeadLetter {
  return {
    id: randomUUID(),
    source: input.source,
    reasonCode: input.reasonCode,
    reason: input.reason,
    rejectedAt: input.rejectedAt ?? Date.now(),
    payload: typeof input.payload === 'string' ? Buffer.from(input.payload) : input.payload,
    tenant: input.tenant ?? null,
    file: input.file ?? null,
    fileId: input.fileId ?? null,
    line: input.line ?? null,
    attributes: input.attributes ?? {},
  };
}

export function deadLetterMessage(encoder: Encoder<DeadLetter>, input: DeadLetterInput): OutgoingMessage {
  const record = deadLetter(input);
  return { key: record.source, value: encoder.encode(record) };
}
