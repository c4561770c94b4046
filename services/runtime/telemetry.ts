/**
 * One place per service for metrics. Names follow `playpulse_<area>_<name>_<unit>[_total]`
 * (SPEC §5) and are checked when declared; labels are declared up front so they stay bounded.
 */
import { Registry, Counter, Gauge, Histogram, collectDefaultMetrics } from 'prom-client';
import { PlaypulseError } from './errors.ts';

const UNITS = ['seconds', 'milliseconds', 'bytes', 'events', 'records', 'requests', 'messages', 'lines', 'files', 'sessions', 'breaks', 'ratio', 'info', 'count', 'errors', 'batches', 'connections', 'bitrate', 'partitions'];
const NAME = new RegExp(`^playpulse_[a-z][a-z0-9]*_[a-z][a-z0-9_]*_(${UNITS.join('|')})(_total)?$`);

export function checkMetricName(name: string, kind: 'counter' | 'gauge' | 'histogram'): void {
  if (!NAME.test(name)) throw new PlaypulseError('METRIC_NAME_INVALID', `metric name ${name} does not follow playpulse_<area>_<name>_<unit>[_total] (units: ${UNITS.join(', ')})`);
  if (kind === 'counter' && !name.endsWith('_total')) throw new PlaypulseError('METRIC_NAME_INVALID', `counter ${name} must end in _total`);
  if (kind !== 'counter' && name.endsWith('_total')) throw new PlaypulseError('METRIC_NAME_INVALID', `${kind} ${name} must not end in _total`);
}

export class Telemetry {
  readonly registry = new Registry();

  constructor(readonly service: string, opts: { defaultMetrics?: boolean } = {}) {
    this.registry.setDefaultLabels({ service });
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'playpulse_' });
  }

  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    checkMetricName(name, 'counter');
    return new Counter({ name, help, labelNames: labelNames as L[], registers: [this.registry] });
  }

  gauge<L extends string = never>(name: string, help: string, labelNames: readonly L[] = [], collect?: (this: Gauge<L>) => void): Gauge<L> {
    checkMetricName(name, 'gauge');
    return new Gauge({ name, help, labelNames: labelNames as L[], registers: [this.registry], ...(collect ? { collect } : {}) });
  }

  histogram<L extends string = never>(name: string, help: string, buckets: number[], labelNames: readonly L[] = []): Histogram<L> {
    checkMetricName(name, 'histogram');
    return new Histogram({ name, help, buckets, labelNames: labelNames as L[], registers: [this.registry] });
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

export const LATENCY_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
