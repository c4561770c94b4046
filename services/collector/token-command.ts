/** `playpulse token --tenant T [--ttl-seconds N]`: a bearer token for the configured key. */
import { parse } from '../cli/args.ts';
import { loadConfig } from '../runtime/config.ts';
import { collectorConfig } from './config.ts';
import { signToken } from './token-auth.ts';
import type { ExtraCommand } from '../cli/extra-command.ts';

/** The key the local stack uses when none is configured; never for production (set COLLECTOR_TOKEN_SECRET). */
export const LOCAL_DEV_TOKEN_SECRET = 'playpulse-local-dev-secret-change-me';

export function localTokenSecret(env: NodeJS.ProcessEnv): string {
  return env['COLLECTOR_TOKEN_SECRET'] || LOCAL_DEV_TOKEN_SECRET;
}

export const tokenCommand: ExtraCommand = {
  name: 'token',
  usage: 'token --tenant T [--ttl-seconds N]    a bearer token for the collector (key: COLLECTOR_TOKEN_SECRETS[T], else COLLECTOR_TOKEN_SECRET, else the local dev key)',
  async run(argv, env, print) {
    const { values } = parse(argv, { tenant: { type: 'string' }, 'ttl-seconds': { type: 'string' } });
    const tenant = typeof values.tenant === 'string' ? values.tenant : '';
    const ttl = typeof values['ttl-seconds'] === 'string' ? Number(values['ttl-seconds']) : undefined;
    if (!tenant) {
      print('token: --tenant is required');
      return 64;
    }
    const config = loadConfig(collectorConfig, env);
    const key = config.COLLECTOR_TOKEN_SECRETS[tenant] ?? localTokenSecret(env);
    print(await signToken(tenant, key, ttl));
    return 0;
  },
};
