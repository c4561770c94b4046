/**
 * Parse workers (TAILER_PARSE_WORKERS) give the outcomes the file job's thread gives for the same
 * lines (processLines on both sides): every format's fixtures, parser state carried across batches
 * (W3C #Fields, TSV header), bad lines; the packed transfer keeps every kind; a worker that dies
 * fails its files' batches with a retriable error and is replaced. Real worker threads (the sources
 * through tsx).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import avro from 'avsc';
import type { AccessEvent, SsaiEvent } from '../../../avro/generated/index.ts';
import { loadSchema } from '../../../avro/subjects.ts';
import { framedEncoder } from '../../../services/runtime/avro-serde.ts';
import type { ResolvedFormat } from '../../../services/tailer/checkpoint/checkpoint.ts';
import { inlineParsers } from '../../../services/tailer/publish/line-parser.ts';
import type { LineOutcome } from '../../../services/tailer/publish/line-outcome.ts';
import { ParseWorkerPool } from '../../../services/tailer/publish/parse-worker-pool.ts';
import { packOutcomes, unpackOutcomes } from '../../../services/tailer/publish/parse-worker-protocol.ts';
import { sharedParsers } from '../../../services/tailer/publish/shared-line-parser.ts';
import { stateLineFilter } from '../../../services/tailer/publish/state-lines.ts';
import { FIXTURES } from './avro-check.ts';

const ids = { ssai: { schemaId: 11, subject: 'ssai.events.v1-value' }, access: { schemaId: 12, subject: 'access.events.v1-value' } };
const encoders = {
  ssai: framedEncoder<SsaiEvent>(avro.Type.forSchema(loadSchema('ssai.events.v1') as avro.Schema), ids.ssai.schemaId, ids.ssai.subject),
  access: framedEncoder<AccessEvent>(avro.Type.forSchema(loadSchema('access.events.v1') as avro.Schema), ids.access.schemaId, ids.access.subject),
};
const opts = { fileId: 'file-1', file: '/inbox/f.log', ipHashKey: 'ip-key', tenant: 'acme' };
const SSAI_SAMPLE = join(FIXTURES, 'ssai', 'prod-ssai-ad-tracking-4040098940001-1-2021-07-17-00-37-09-caeb9e2e-8b54-42f6-b4f7-cbddfc5090e6');

function fixtureLines(path: string): string[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** A file's lines with a bad line in the middle, in batches of 7 (so parser state spans batches). */
const files: Array<[string, ResolvedFormat, string[]]> = [
  ['seed 003 SSAI sample + bad lines', 'ssai', [...fixtureLines(SSAI_SAMPLE), '{"kind":"Creative", broken', '{"kind":"Nope","session_id":"s","timestamp":"2021-06-28T23:12:09Z"}', '']],
  ['W3C', 'w3c', [...fixtureLines(join(FIXTURES, 'access', 'MSLT20150830-00.w3c')), 'not a w3c line']],
  ['TSV with header', 'tsv', fixtureLines(join(FIXTURES, 'access', 'MSLT20150830-00.tsv'))],
  ['TSV without header', 'tsv', [...fixtureLines(join(FIXTURES, 'access', 'MSLT20150830-01.tsv')), 'too\tfew']],
  ['Akamai', 'akamai', fixtureLines(join(FIXTURES, 'access', 'MSLT20150830-00.akamai'))],
  ['combined', 'combined', [...fixtureLines(join(FIXTURES, 'access', 'access-20150830.log')), 'garbage']],
];

/**
 * W3C with three #Fields blocks: the fixture (space-separated), the same rows tab-separated (the
 * separator is learnt from a block's first data line), then a block without a date field under a new
 * #Date directive.
 */
function multiBlockW3c(): string[] {
  const fixture = fixtureLines(join(FIXTURES, 'access', 'MSLT20150830-00.w3c'));
  const fields = fixture.find((l) => l.startsWith('#Fields:')) as string;
  const rows = fixture.filter((l) => !l.startsWith('#'));
  const names = fields.slice('#Fields:'.length).trim().split(' ');
  return [
    ...fixture,
    '',
    fields,
    ...rows.map((r) => r.split(' ').join('\t')),
    '#Date: 2015-08-31 00:00:00',
    `#Fields: ${names.slice(1).join(' ')}`,
    ...rows.map((r) => r.split(' ').slice(1).join(' ')),
    '# a comment',
    ...rows.slice(0, 3).map((r) => r.split(' ').slice(1).join(' ')),
  ];
}

function batches(lines: string[], size = 7): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < lines.length; i += size) out.push(lines.slice(i, i + size));
  return out;
}

async function outcomesOf(open: ReturnType<typeof inlineParsers>, format: ResolvedFormat, lines: string[]): Promise<LineOutcome[]> {
  const parser = open(format, opts);
  const out: LineOutcome[] = [];
  let lineNo = 1;
  try {
    for (const b of batches(lines)) {
      out.push(...(await parser.parse(b, lineNo)));
      lineNo += b.length;
    }
  } finally {
    parser.close();
  }
  return out;
}

describe('parse worker protocol', () => {
  it('packs and unpacks every kind of outcome, values byte for byte', () => {
    const outcomes: LineOutcome[] = [
      { kind: 'record', key: 'k1', time: 1_600_000_000_123, value: Buffer.from([0, 0, 0, 0, 12, 1, 2, 3]) },
      { kind: 'skip' },
      { kind: 'reject', code: 'BAD_DATE', reason: 'date "x" is not yyyy-MM-dd' },
      { kind: 'unencodable', time: 42.5, reason: 'value does not match: invalid status' },
      { kind: 'record', key: 'k2 ☕', time: -1, value: Buffer.alloc(0) },
      { kind: 'record', key: 'k3', time: 7, value: Buffer.from('héllo') },
    ];
    const { message, transfer } = packOutcomes(9, outcomes);
    expect(message.id).toBe(9);
    expect(transfer).toHaveLength(4);
    expect(unpackOutcomes(structuredClone(message))).toEqual(outcomes);
  });
});

describe('state lines', () => {
  it('are the # lines and the first non-empty line after the start or after a # line', () => {
    const isStateLine = stateLineFilter();
    const lines = ['', '\r', 'header', 'data 1', '#Fields: a b', '#Date: x', 'first', 'second', '# c', '', 'after comment', 'more'];
    expect(lines.filter((l) => isStateLine(l))).toEqual(['header', '#Fields: a b', '#Date: x', 'first', '# c', 'after comment']);
  });
});

describe('parse workers', () => {
  let pool: ParseWorkerPool;
  beforeAll(() => {
    pool = new ParseWorkerPool(2, { encoders: ids });
  });
  afterAll(async () => {
    await pool.close();
  });

  for (const [name, format, lines] of files) {
    it(`give the file job's own outcomes: ${name}`, { timeout: 30_000 }, async () => {
      const want = await outcomesOf(inlineParsers(encoders), format, lines);
      expect(want.filter((o) => o.kind === 'record').length).toBeGreaterThan(0);
      const got = await outcomesOf(pool.open, format, lines);
      expect(got).toEqual(want);
    });
  }

  const shared: Array<[string, ResolvedFormat, string[]]> = [...files, ['W3C, three #Fields blocks', 'w3c', multiBlockW3c()]];
  for (const [name, format, lines] of shared) {
    it(`shared between the worker and this thread, give one parser's outcomes: ${name}`, { timeout: 30_000 }, async () => {
      const want = await outcomesOf(inlineParsers(encoders), format, lines);
      for (const size of [1, 2, 7]) {
        const parser = sharedParsers(pool.open, inlineParsers(encoders), { workerDepth: 1 })(format, opts);
        const got: Array<LineOutcome[] | Promise<LineOutcome[]>> = [];
        const where: string[] = [];
        let lineNo = 1;
        try {
          for (const b of batches(lines, size)) {
            got.push(parser.parse(b, lineNo));
            where.push(parser.where);
            lineNo += b.length;
            if (where.length % 2 === 0) await Promise.all(got); // the worker is free again for the next batch
          }
          // With one batch allowed on the worker, batches alternate: the worker's, then this thread's.
          if (size === 1) expect(where.length).toBeGreaterThanOrEqual(3);
          expect(where).toEqual(where.map((_, i) => (i % 2 === 0 ? 'worker' : 'thread')));
          expect((await Promise.all(got)).flat()).toEqual(want);
        } finally {
          parser.close();
        }
      }
    });
  }

  it('hand back records the Avro schema decodes, framed with the schema id and keyed', { timeout: 30_000 }, async () => {
    const got = await outcomesOf(pool.open, 'w3c', fixtureLines(join(FIXTURES, 'access', 'MSLT20150830-00.w3c')));
    const records = got.filter((o) => o.kind === 'record');
    expect(records.length).toBeGreaterThan(3);
    const type = avro.Type.forSchema(loadSchema('access.events.v1') as avro.Schema);
    for (const r of records) {
      expect(r.value.readInt32BE(1)).toBe(ids.access.schemaId);
      const e = type.fromBuffer(r.value.subarray(5)) as AccessEvent;
      expect(r.key).toBe(e.listenerKey);
      expect(r.time).toBe(e.timestamp);
      expect(e.source.fileId).toBe('file-1');
    }
  });

  it('fail the batches of a worker that dies with a retriable error, and replace it', { timeout: 30_000 }, async () => {
    const slots = pool.threads.slots;
    expect(pool.openFiles()).toEqual(slots.map(() => 0));
    const parser = pool.open('ssai', opts); // the first worker: the one with the fewest open files
    const dying = slots[0]!.worker;
    const lines = fixtureLines(SSAI_SAMPLE);
    const many = Array.from({ length: 200 }, () => lines).flat(); // still being parsed when the worker stops
    const job = parser.parse(many, 1);
    await dying.terminate();
    await expect(job).rejects.toMatchObject({ code: 'PARSE_WORKER_FAILED', retriable: true });
    await expect(parser.parse(lines, 1)).rejects.toMatchObject({ code: 'PARSE_WORKER_FAILED' });
    parser.close();
    expect(slots[0]!.worker).not.toBe(dying);
    const again = await outcomesOf(pool.open, 'ssai', lines);
    expect(again).toEqual(await outcomesOf(inlineParsers(encoders), 'ssai', lines));
  });
});
