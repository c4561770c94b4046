import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';
import avro from 'avsc';
import { compileWriter, type AvroTap } from '../../../services/runtime/avro-compiled-writer.ts';
import { availableSchemaTopics, loadSchema } from '../../../avro/subjects.ts';
import { mulberry32 } from '../../../services/runtime/seeded-rng.ts';

const { Tap } = createRequire(import.meta.url)('avsc/lib/utils') as { Tap: new (b: Buffer) => AvroTap };

/** The compiled writer's bytes, or the error it threw. */
function compiledBytes(write: ReturnType<typeof compileWriter>, value: unknown): Buffer | Error {
  const tap = new Tap(Buffer.alloc(1 << 20));
  try {
    write(tap, value);
  } catch (err) {
    return err as Error;
  }
  return Buffer.from(tap.buf.subarray(0, tap.pos));
}

function avscBytes(type: avro.Type, value: unknown): Buffer | Error {
  try {
    return type.toBuffer(value);
  } catch (err) {
    return err as Error;
  }
}

/** Same bytes, or both refuse the value. */
function expectSame(type: avro.Type, write: ReturnType<typeof compileWriter>, value: unknown, label: string): void {
  const want = avscBytes(type, value);
  const got = compiledBytes(write, value);
  const show = () => `${label}: ${JSON.stringify(value, (_k, v: unknown) => (v === undefined ? '<undefined>' : v))?.slice(0, 400)}`;
  if (want instanceof Error) expect(got instanceof Error, `avsc refused (${want.message}) but the compiled writer wrote — ${show()}`).toBe(true);
  else {
    expect(got instanceof Error ? got.message : 'bytes', show()).toBe('bytes');
    expect((got as Buffer).toString('hex'), show()).toBe(want.toString('hex'));
  }
}

/** Paths to every value inside `v` (record fields, array items, map values), for mutation. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object' || Buffer.isBuffer(v)) return out;
  for (const k of Array.isArray(v) ? v.keys() : Object.keys(v)) {
    const p = [...at, k];
    out.push(p);
    paths((v as Record<string | number, unknown>)[k], p, out);
  }
  return out;
}

function setAt(root: unknown, p: (string | number)[], value: unknown): void {
  let o = root as Record<string | number, unknown>;
  for (const k of p.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = p[p.length - 1] as string | number;
  if (value === DELETE) delete o[last];
  else o[last] = value;
}

const DELETE = Symbol('delete');
const WRONG: unknown[] = [DELETE, undefined, null, 'text', 'é', '', 0, -1, 1.5, 2 ** 60, -(2 ** 31) - 1, 2 ** 31, true, {}, [], Buffer.from('ab'), { nested: 1 }, ['x'], NaN];

describe('compiled Avro writer: same bytes as avsc and the same values refused', () => {
  for (const topic of availableSchemaTopics()) {
    const type = avro.Type.forSchema(loadSchema(topic) as avro.Schema);
    const write = compileWriter(type);

    it(`${topic}: random values`, () => {
      for (let i = 0; i < 300; i++) expectSame(type, write, type.random(), `random #${i}`);
    });

    it(`${topic}: random values with one field, item or map value replaced by a wrong or missing one`, () => {
      const rng = mulberry32(topic.length * 7919);
      let refused = 0;
      for (let i = 0; i < 600; i++) {
        const value = type.random();
        const ps = paths(value);
        if (ps.length === 0) continue;
        setAt(value, ps[Math.floor(rng() * ps.length)] as (string | number)[], WRONG[Math.floor(rng() * WRONG.length)]);
        if (avscBytes(type, value) instanceof Error) refused++;
        expectSame(type, write, value, `mutation #${i}`);
      }
      expect(refused, 'the mutations must produce refused values too').toBeGreaterThan(50);
    });
  }

  const allTypes = avro.Type.forSchema({
    type: 'record',
    name: 'All',
    fields: [
      { name: 'b', type: 'boolean' },
      { name: 'i', type: 'int' },
      { name: 'l', type: 'long' },
      { name: 'f', type: 'float' },
      { name: 'd', type: 'double' },
      { name: 'by', type: 'bytes' },
      { name: 's', type: 'string' },
      { name: 'n', type: 'null' },
      { name: 'fx', type: { type: 'fixed', name: 'Four', size: 4 } },
      { name: 'e', type: { type: 'enum', name: 'Color', symbols: ['RED', 'GREEN', 'BLUE'] } },
      { name: 'ts', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'arr', type: { type: 'array', items: { type: 'map', values: ['null', 'long'] } } },
      { name: 'multi', type: ['null', 'string', 'long', 'boolean', { type: 'array', items: 'int' }, { type: 'map', values: 'string' }, 'bytes'] },
      { name: 'noNull', type: ['string', 'double'] },
      { name: 'rec', type: ['null', { type: 'record', name: 'Inner', fields: [{ name: 'x', type: 'int', default: 7 }, { name: 'y', type: ['null', 'Color'], default: null }] }] },
      { name: 'def', type: 'string', default: 'dflt' },
      { name: 'defUnion', type: ['string', 'null'], default: 'first' },
      { name: 'many', type: { type: 'array', items: 'long' } },
    ],
  });
  const write = compileWriter(allTypes);
  // Two record branches make avsc wrap the union ({Name: value}); the compiled writer hands it to avsc.
  const wrapped = avro.Type.forSchema({ type: 'record', name: 'W', fields: [{ name: 'u', type: ['null', { type: 'record', name: 'A', fields: [{ name: 'a', type: 'int' }] }, { type: 'record', name: 'B', fields: [{ name: 'b', type: 'string' }] }] }] });

  it('every primitive and complex type, defaults, multi-branch unions, logical and fixed types', () => {
    for (let i = 0; i < 300; i++) expectSame(allTypes, write, allTypes.random(), `random #${i}`);
    const base = { b: true, i: -5, l: 2 ** 40, f: 1.25, d: -0.5, by: Buffer.from([1, 2]), s: 'café', n: null, fx: Buffer.from('abcd'), e: 'BLUE', ts: 1_700_000_000_000, arr: [{ a: 1, b: null }, {}], multi: [1, 2], noNull: 3.5, rec: { x: 1, y: 'RED' }, many: Array.from({ length: 300 }, (_, k) => k * 1000) };
    expectSame(allTypes, write, base, 'base');
    const cases: [string, unknown][] = [
      ['defaults used when fields are missing', { ...base, def: undefined, defUnion: undefined, rec: {} }],
      ['long at the safe limit', { ...base, l: 9007199254740990 }],
      ['long past the safe limit', { ...base, l: 9007199254740991 }],
      ['long not an integer', { ...base, l: 1.5 }],
      ['int out of range', { ...base, i: 2 ** 31 }],
      ['enum symbol unknown', { ...base, e: 'PINK' }],
      ['union value of no branch', { ...base, multi: 1.5 }],
      ['union array of wrong items', { ...base, multi: ['x'] }],
      ['union without null given null', { ...base, noNull: null }],
      ['union without null given a string', { ...base, noNull: 'z' }],
      ['union map value', { ...base, multi: { k: 'v', w: '😀' } }],
      ['union bytes value', { ...base, multi: Buffer.from('zz') }],
      ['missing field without default', { ...base, s: undefined }],
      ['boolean given a number', { ...base, b: 1 }],
      ['null given undefined', { ...base, n: undefined }],
      ['map given an array', { ...base, arr: [[1]] }],
      ['fixed of the wrong size', { ...base, fx: Buffer.from('abc') }],
      ['long strings and non-ASCII', { ...base, s: 'x'.repeat(5000) + 'é', noNull: '中文' }],
      ['record given null', null],
    ];
    for (const [label, v] of cases) expectSame(allTypes, write, v, label);
    expect(compiledBytes(write, { ...base, l: 1.5 })).toBeInstanceOf(Error);
    // avsc looks symbols up in a plain object and writes garbage for 'toString'; the compiled writer refuses it.
    expect(compiledBytes(write, { ...base, e: 'toString' })).toBeInstanceOf(Error);

    const w = compileWriter(wrapped);
    for (const v of [{ u: null }, { u: { A: { a: 3 } } }, { u: { B: { b: 'q' } } }, { u: { a: 3 } }]) expectSame(wrapped, w, v, JSON.stringify(v));
  });
});
