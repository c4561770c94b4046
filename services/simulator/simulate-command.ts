/**
 * `playpulse simulate`: drives a collector with seeded UAV client behaviour at a chosen rate,
 * bounded in count and time, and prints the responses by status.
 */
import { parse } from '../cli/args.ts';
import type { ExtraCommand } from '../cli/extra-command.ts';
import { signToken } from '../collector/token-auth.ts';
import { localTokenSecret } from '../collector/token-command.ts';
import { simulateIter } from './simulate.ts';
import { driveApi } from './drive-api.ts';

export const simulateCommand: ExtraCommand = {
  name: 'simulate',
  usage: 'simulate [--url U] [--viewers N] [--rate EVENTS_PER_S] [--max-events N] [--duration-s S] [--batch N] [--seed S] [--tenant T]\n                                  drive the collector with simulated clients (token from the local dev key unless SIMULATOR_TOKEN)',
  async run(argv, env, print) {
    const { values } = parse(argv, {
      url: { type: 'string' },
      viewers: { type: 'string' },
      rate: { type: 'string' },
      'max-events': { type: 'string' },
      'duration-s': { type: 'string' },
      batch: { type: 'string' },
      seed: { type: 'string' },
      tenant: { type: 'string' },
    });
    const str = (k: string, d: string) => (typeof values[k as keyof typeof values] === 'string' ? (values[k as keyof typeof values] as string) : d);
    const tenant = str('tenant', 'demo');
    const batch = Number(str('batch', '0'));
    const token = env['SIMULATOR_TOKEN'] || (await signToken(tenant, localTokenSecret(env)));
    const durationS = Number(str('duration-s', '60'));
    const result = await driveApi({
      baseUrl: str('url', `http://127.0.0.1:${env['COLLECTOR_PORT'] || 8080}`),
      token,
      events: simulateIter({ seed: Number(str('seed', '42')), viewers: Number(str('viewers', '500')), startTime: Date.now(), durationMs: Infinity, appName: tenant }),
      mode: batch > 0 ? 'batch' : 'single',
      batchSize: batch > 0 ? batch : undefined,
      ratePerSec: Number(str('rate', '200')),
      maxEvents: Number(str('max-events', '1000000')),
      maxDurationMs: durationS * 1000,
      concurrency: 16,
    });
    print(JSON.stringify({ eventsSent: result.eventsSent, requests: result.requests, byStatus: result.byStatus, seconds: +(result.durationMs / 1000).toFixed(1), stoppedBy: result.stoppedBy }));
    return 0;
  },
};
