import { describe, it, expect } from 'vitest';
import { testCollectorApp, validBody } from '../../support/collector-app.ts';
import { kafkaAway } from '../../support/memory-sink.ts';
import { signToken } from '../../../services/collector/token-auth.ts';
import { CollectorRateLimiter } from '../../../services/collector/rate-limiter.ts';

const URL1 = '/useractivityvault/v1/useractivity';

describe('collector HTTP API (inject)', () => {
  it('accepts a valid activity with 202 and its eventId, enriched with tenant, receivedAt and hashed IP', async () => {
    const { app, sink, auth } = await testCollectorApp();
    const res = await app.inject({ method: 'POST', url: `${URL1}/appStart`, headers: auth, payload: validBody({ activityDateTime: '2026-11-21T10:00:00Z' }) });
    expect(res.statusCode).toBe(202);
    const { eventId } = res.json() as { eventId: string };
    expect(sink.events).toHaveLength(1);
    const e = sink.events[0]!;
    expect(e.eventId).toBe(eventId);
    expect(e.tenant).toBe('acme');
    expect(e.activityName).toBe('appStart');
    expect(e.eventTime).toBe(Date.parse('2026-11-21T10:00:00Z'));
    expect(e.ipHash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(e)).not.toContain('127.0.0.1');
  });

  it('refuses an invalid body with 400 naming the field and rule, and dead-letters the raw request', async () => {
    const { app, sink, auth } = await testCollectorApp();
    const payload = JSON.stringify({ userId: '', deviceId: 'd', key: '' });
    const res = await app.inject({ method: 'POST', url: `${URL1}/playbackStart`, headers: { ...auth, 'content-type': 'application/json' }, payload });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: string; errors: Array<{ field: string; rule: string }> };
    expect(body.error).toBe('VALIDATION_FAILED');
    expect(body.errors).toContainEqual(expect.objectContaining({ field: 'accountId', rule: 'required' }));
    expect(sink.events).toHaveLength(0);
    expect(sink.deadLetters).toHaveLength(1);
    expect(sink.deadLetters[0]!.payload.toString()).toBe(payload);
    expect(sink.deadLetters[0]!.reasonCode).toBe('VALIDATION_FAILED');
    expect(sink.deadLetters[0]!.attributes).toMatchObject({ activityName: 'playbackStart', field: 'accountId', rule: 'required' });
  });

  it('refuses content-type rules of seed 002 through the API (live-event needs technicalId and programmeId)', async () => {
    const { app, auth } = await testCollectorApp();
    const res = await app.inject({ method: 'POST', url: `${URL1}/playbackStart`, headers: auth, payload: validBody({ metadata: { contentType: 'live-event', editorialId: 'e1' } }) });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['metadata.technicalId', 'metadata.programmeId']));
  });

  it('dead-letters malformed JSON with reason INVALID_JSON', async () => {
    const { app, sink, auth } = await testCollectorApp();
    const res = await app.inject({ method: 'POST', url: `${URL1}/appStart`, headers: { ...auth, 'content-type': 'application/json' }, payload: '{"accountId": ' });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: string }).error).toBe('INVALID_JSON');
    expect(sink.deadLetters[0]!.reasonCode).toBe('INVALID_JSON');
    expect(sink.deadLetters[0]!.payload.toString()).toBe('{"accountId": ');
  });

  it('answers 401 without a valid token and 403 on a tenant mismatch, without dead-lettering either', async () => {
    const { app, sink, auth } = await testCollectorApp();
    expect((await app.inject({ method: 'POST', url: `${URL1}/appStart`, payload: validBody() })).statusCode).toBe(401);
    const forged = await signToken('acme', 'wrong-key');
    expect((await app.inject({ method: 'POST', url: `${URL1}/appStart`, headers: { authorization: `Bearer ${forged}` }, payload: validBody() })).statusCode).toBe(401);
    const ownKeyWrong = await signToken('other', 'test-key');
    expect((await app.inject({ method: 'POST', url: `${URL1}/appStart`, headers: { authorization: `Bearer ${ownKeyWrong}` }, payload: validBody() })).statusCode).toBe(401);
    const mismatch = await app.inject({ method: 'POST', url: `${URL1}/appStart`, headers: auth, payload: validBody({ appName: 'someone-else' }) });
    expect(mismatch.statusCode).toBe(403);
    expect(sink.deadLetters).toHaveLength(0);
    expect(sink.events).toHaveLength(0);
  });

  it('answers 413 for a body over the limit and 415 for a non-JSON content type', async () => {
    const { app, sink, auth } = await testCollectorApp();
    const big = await app.inject({ method: 'POST', url: `${URL1}/appStart`, headers: auth, payload: validBody({ metadata: { pad: 'x'.repeat(10_000) } }) });
    expect(big.statusCode).toBe(413);
    const text = await app.inject({ method: 'POST', url: `${URL1}/appStart`, headers: { ...auth, 'content-type': 'text/plain' }, payload: 'hello' });
    expect(text.statusCode).toBe(415);
    expect(sink.deadLetters).toHaveLength(0);
  });

  it('answers 429 with Retry-After when a device exceeds its rate', async () => {
    const { app, auth } = await testCollectorApp({ rateLimiter: new CollectorRateLimiter({ tenantPerSecond: 0, devicePerSecond: 1 }), now: () => 1_000_000 });
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await app.inject({ method: 'POST', url: `${URL1}/playbackHeartbeat`, headers: auth, payload: validBody() })).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 202)).toBe(true);
    const last = await app.inject({ method: 'POST', url: `${URL1}/playbackHeartbeat`, headers: auth, payload: validBody() });
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('answers 503 with Retry-After when Kafka does not acknowledge, and stores nothing', async () => {
    const { app, sink, auth } = await testCollectorApp();
    sink.failWith = kafkaAway();
    const res = await app.inject({ method: 'POST', url: `${URL1}/appStart`, headers: auth, payload: validBody() });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('7');
    expect(sink.events).toHaveLength(0);
  });

  it('takes a batch with per-item results: good items stored, a bad one dead-lettered (207)', async () => {
    const { app, sink, auth } = await testCollectorApp();
    const activities = [
      { activityName: 'appStart', ...validBody() },
      { activityName: 'playbackStart', ...validBody({ deviceId: '' }) },
      { activityName: 'myCustomThing', ...validBody({ metadata: { colour: 'blue' } }) },
    ];
    const res = await app.inject({ method: 'POST', url: URL1, headers: auth, payload: { activities } });
    expect(res.statusCode).toBe(207);
    const body = res.json() as { accepted: number; rejected: number; results: Array<{ index: number; status: number }> };
    expect(body.accepted).toBe(2);
    expect(body.results.map((r) => r.status)).toEqual([202, 400, 202]);
    expect(sink.events.map((e) => e.activityName)).toEqual(['appStart', 'myCustomThing']);
    expect(sink.events[1]!.customMetadata).toEqual({ colour: '"blue"' });
    expect(sink.deadLetters).toHaveLength(1);
    expect(sink.deadLetters[0]!.attributes['batchIndex']).toBe('1');
  });

  it('answers 202 for an all-good batch, 400 for an all-bad one and 413 for too many items', async () => {
    const { app, auth } = await testCollectorApp();
    const good = await app.inject({ method: 'POST', url: URL1, headers: auth, payload: { activities: [{ activityName: 'appStart', ...validBody() }] } });
    expect(good.statusCode).toBe(202);
    const bad = await app.inject({ method: 'POST', url: URL1, headers: auth, payload: { activities: [{ activityName: 'appStart' }] } });
    expect(bad.statusCode).toBe(400);
    const many = await app.inject({ method: 'POST', url: URL1, headers: auth, payload: { activities: Array.from({ length: 51 }, () => ({ activityName: 'appStart', ...validBody() })) } });
    expect(many.statusCode).toBe(413);
  });

  it('counts a batch per activity and per rejection reason', async () => {
    const { app, auth } = await testCollectorApp();
    const activities = [
      { activityName: 'appStart', ...validBody() },
      { activityName: 'appStart', ...validBody({ deviceId: 'dev-2' }) },
      { activityName: 'someCustomThing', ...validBody() },
      { activityName: 'appStart' },
      { activityName: 'appEnd' },
    ];
    const res = await app.inject({ method: 'POST', url: URL1, headers: auth, payload: { activities } });
    expect(res.statusCode).toBe(207);
    const metrics = (await app.inject('/metrics')).body;
    expect(metrics).toContain('playpulse_collector_accepted_events_total{activity="appStart",service="collector"} 2');
    expect(metrics).toContain('playpulse_collector_accepted_events_total{activity="custom",service="collector"} 1');
    expect(metrics).toMatch(/playpulse_collector_rejected_events_total\{reason="required",service="collector"\} 2/);
  });

  it('serves /healthz, /readyz, /metrics and the OpenAPI description', async () => {
    const { app, auth } = await testCollectorApp();
    await app.inject({ method: 'POST', url: `${URL1}/appStart`, headers: auth, payload: validBody() });
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    expect((await app.inject('/readyz')).json()).toEqual({ status: 'ready', checks: { kafka: true } });
    const metrics = (await app.inject('/metrics')).body;
    expect(metrics).toContain('playpulse_collector_accepted_events_total{activity="appStart",service="collector"} 1');
    expect(metrics).toContain('playpulse_collector_http_requests_total{route="/useractivityvault/v1/useractivity/:activityName",status="202",activity="appStart",service="collector"} 1');
    const spec = (await app.inject('/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/useractivityvault/v1/useractivity/{activityName}', '/useractivityvault/v1/useractivity']));
  });
});
