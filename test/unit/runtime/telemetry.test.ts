import { describe, it, expect } from 'vitest';
import { Telemetry, checkMetricName } from '../../../services/runtime/telemetry.ts';

describe('metric names', () => {
  it('accepts playpulse_<area>_<name>_<unit>[_total]', () => {
    expect(() => checkMetricName('playpulse_collector_http_requests_total', 'counter')).not.toThrow();
    expect(() => checkMetricName('playpulse_collector_produce_latency_seconds', 'histogram')).not.toThrow();
  });

  it.each([
    ['collector_requests_total', 'counter'],
    ['playpulse_collector_requests', 'counter'],
    ['playpulse_collector_depth_total', 'gauge'],
    ['playpulse_Collector_requests_total', 'counter'],
    ['playpulse_collector_latency_fortnights', 'histogram'],
  ] as const)('rejects %s as a %s', (name, kind) => {
    expect(() => checkMetricName(name, kind)).toThrow(/METRIC|playpulse_|_total/);
  });

  it('exposes declared metrics with the service label', async () => {
    const t = new Telemetry('collector', { defaultMetrics: false });
    t.counter('playpulse_collector_http_requests_total', 'requests', ['status']).inc({ status: '202' }, 3);
    expect(await t.metrics()).toContain('playpulse_collector_http_requests_total{status="202",service="collector"} 3');
  });
});
