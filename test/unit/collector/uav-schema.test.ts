import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import { FIELDS } from '../../../services/collector/activity-fields.ts';
import type { FieldKind } from '../../../services/collector/activity-fields.ts';
import { validateActivity } from '../../../services/collector/validate-activity.ts';
import { envelope } from '../../../services/simulator/fixtures.ts';

interface AvroField {
  name: string;
  type: unknown;
  default?: unknown;
  doc?: string;
}

function load(file: string): { name: string; namespace: string; fields: AvroField[] } {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../../avro/${file}`, import.meta.url)), 'utf8')) as { name: string; namespace: string; fields: AvroField[] };
}

const uav = load('uav.events.v1.avsc');
const metadataField = uav.fields.find((f) => f.name === 'metadata') as AvroField;
const metadataFields = (metadataField.type as { fields: AvroField[] }).fields;

/** The Avro type a field kind is stored as (without the null branch). */
const AVRO_OF_KIND: Record<FieldKind, unknown> = {
  string: 'string',
  eventId: 'string',
  errorCode: 'string',
  double: 'double',
  long: 'long',
  int: 'int',
  boolean: 'boolean',
  doubleList: { type: 'array', items: 'double' },
  dateTime: 'string',
  contentType: 'string',
  contentSource: 'string',
};

function nonNull(t: unknown): unknown {
  return Array.isArray(t) ? t.filter((x) => x !== 'null')[0] : t;
}

describe('avro/uav.events.v1.avsc', () => {
  it('is a valid Avro schema in namespace dev.playpulse.uav.v1', () => {
    expect(() => avro.Type.forSchema(uav as unknown as avro.Schema)).not.toThrow();
    expect(uav.namespace).toBe('dev.playpulse.uav.v1');
  });

  it('stores every known metadata field of the field table, with the type of its kind, in table order', () => {
    const known = FIELDS.filter((f) => f.store === 'metadata');
    expect(metadataFields.map((f) => f.name)).toEqual(known.map((f) => f.name));
    for (const f of known) {
      const avroField = metadataFields.find((m) => m.name === f.name) as AvroField;
      expect(nonNull(avroField.type), f.name).toEqual(AVRO_OF_KIND[f.kind]);
    }
  });

  it('stores every envelope field of the field table at the top level', () => {
    for (const f of FIELDS.filter((x) => x.store === 'envelope')) {
      const top = uav.fields.find((t) => t.name === f.name);
      expect(top, f.name).toBeDefined();
      expect(nonNull(top?.type), f.name).toEqual(AVRO_OF_KIND[f.kind]);
      if (f.mandatory !== null) expect(top?.type, `${f.name} is mandatory`).toBe('string');
    }
  });

  it('makes every optional field a ["null", T] union with default null, and documents every field', () => {
    for (const f of [...uav.fields, ...metadataFields]) {
      expect(f.doc, f.name).toBeTruthy();
      if (Array.isArray(f.type)) {
        expect(f.type[0], f.name).toBe('null');
        expect(f.default, f.name).toBeNull();
      }
    }
  });

  it('has customMetadata as map<string> defaulting to {}', () => {
    const cm = uav.fields.find((f) => f.name === 'customMetadata');
    expect(cm?.type).toEqual({ type: 'map', values: 'string' });
    expect(cm?.default).toEqual({});
  });

  it('can read records written without any optional field (backward-compatible evolution)', () => {
    const type = avro.Type.forSchema(uav as unknown as avro.Schema);
    const minimal = { ...uav, fields: uav.fields.filter((f) => !Array.isArray(f.type) && f.name !== 'customMetadata') };
    const metaMinimal = { ...(metadataField.type as object), fields: [] };
    const writer = avro.Type.forSchema({ ...minimal, fields: minimal.fields.map((f) => (f.name === 'metadata' ? { ...f, type: metaMinimal } : f)) } as unknown as avro.Schema);
    const resolver = type.createResolver(writer);
    const written = writer.toBuffer({
      eventId: 'e',
      activityName: 'appStart',
      tenant: 't',
      receivedAt: 1,
      eventTime: 1,
      eventTimeSource: 'receivedAt',
      accountId: 'a',
      userId: '',
      deviceId: 'd',
      key: '',
      metadata: {},
    });
    const read = type.fromBuffer(written, resolver) as { metadata: Record<string, unknown>; customMetadata: object; appSessionId: unknown };
    expect(read.appSessionId).toBeNull();
    expect(read.metadata['editorialId']).toBeNull();
    expect(read.customMetadata).toEqual({});
  });

  it('sets every field of the table when a body sends all of them', () => {
    const sample: Record<FieldKind, unknown> = {
      string: 'x',
      eventId: 'ev-1',
      errorCode: 'E1',
      double: 1.5,
      long: 7,
      int: 3,
      boolean: true,
      doubleList: [1, 2],
      dateTime: '2024-05-01T20:15:00Z',
      contentType: 'vod-ed',
      contentSource: 'OTT',
    };
    const body: Record<string, unknown> = {};
    const metadata: Record<string, unknown> = {};
    for (const f of FIELDS) (f.home === 'top' ? body : metadata)[f.name] = sample[f.kind];
    body['metadata'] = metadata;
    const r = validateActivity('playback_metrics', body);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const a = r.activity as unknown as Record<string, unknown>;
    const m = r.activity.metadata as unknown as Record<string, unknown>;
    for (const f of FIELDS) {
      const got = f.store === 'metadata' ? m[f.name] : a[f.name];
      expect(got, f.name).toEqual(sample[f.kind]);
    }
    expect(r.activity.customMetadata).toEqual({});
    expect(validateActivity('x', envelope()).ok).toBe(true);
  });
});

describe('avro/reco.signals.v1.avsc', () => {
  const reco = load('reco.signals.v1.avsc');

  it('is a valid Avro schema in namespace dev.playpulse.reco.v1 with documented, backward-compatible fields', () => {
    expect(() => avro.Type.forSchema(reco as unknown as avro.Schema)).not.toThrow();
    expect(reco.namespace).toBe('dev.playpulse.reco.v1');
    for (const f of reco.fields) {
      expect(f.doc, f.name).toBeTruthy();
      if (Array.isArray(f.type)) expect(f.default, f.name).toBeNull();
    }
    for (const n of ['signalId', 'eventId', 'tenant', 'userId', 'deviceId', 'key', 'activityName', 'editorialId', 'score', 'eventTime']) {
      expect(reco.fields.map((f) => f.name)).toContain(n);
    }
    expect(reco.fields.find((f) => f.name === 'score')?.type).toBe('double');
  });
});
