/**
 * `playpulse up [--no-simulator] [--fresh]`: the local stack (Kafka, registry, Redis), topics and
 * schemas applied, every service that exists in this checkout, the traffic simulator; prints where
 * each part listens; Ctrl-C / SIGTERM stops everything it started, services first, in order.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startStack, type RunningStack } from '../../../deploy/local/stack.ts';
import { ManagedProcess } from '../../../deploy/local/managed-process.ts';
import { buildServices, serviceCommand } from '../../../deploy/local/service-build.ts';
import { projectRoot, stackPaths } from '../../../deploy/local/paths.ts';
import { applyTopicsCommand } from './topics.ts';
import { applySchemasCommand } from './schemas.ts';
import { SERVICES, type ServiceEntry } from '../service-catalog.ts';
import { localTokenSecret } from '../../collector/token-command.ts';
import { signToken } from '../../collector/token-auth.ts';

export interface UpOptions {
  simulator: boolean;
  fresh: boolean;
  /** Return once everything is up instead of waiting for a signal (tests). */
  detach?: boolean;
}

export interface RunningUp {
  stack: RunningStack;
  services: Array<{ entry: ServiceEntry; process: ManagedProcess; port: number }>;
  stop(): Promise<void>;
}

async function httpOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

export async function up(opts: UpOptions, env: NodeJS.ProcessEnv, print: (s: string) => void): Promise<RunningUp> {
  const t0 = Date.now();
  const since = () => `+${((Date.now() - t0) / 1000).toFixed(1)}s`;
  const simulatorEntry = 'services/simulator/main.ts';
  const wanted = SERVICES.filter((s) => existsSync(join(projectRoot, s.entry)));
  const entries = [...wanted.map((s) => s.entry), ...(opts.simulator && existsSync(join(projectRoot, simulatorEntry)) ? [simulatorEntry] : [])];
  // Compiles the services while the stack starts; awaited before the first service is spawned.
  const build = buildServices(entries);
  build.catch(() => undefined);
  const stack = await startStack({ env, fresh: opts.fresh, log: (m) => print(`[stack ${since()}] ${m}`) });
  print(`[stack ${since()}] ready`);
  const services: RunningUp['services'] = [];
  const stop = async () => {
    for (const s of [...services].reverse()) {
      print(`[up] stopping ${s.entry.name}`);
      await s.process.stop();
    }
    await stack.stop();
  };
  try {
    const childEnv: NodeJS.ProcessEnv = { ...env, KAFKA_BROKERS: stack.kafkaBrokers, SCHEMA_REGISTRY_URL: stack.schemaRegistryUrl, REDIS_URL: stack.redisUrl, COLLECTOR_TOKEN_SECRET: localTokenSecret(env) };
    const demoToken = await signToken(env['SIMULATOR_TENANT'] || 'demo', localTokenSecret(env));
    childEnv['SIMULATOR_TOKEN'] = env['SIMULATOR_TOKEN'] || demoToken;
    await applyTopicsCommand(childEnv, (s) => print(`[topics] ${s}`));
    await applySchemasCommand(childEnv, (s) => print(`[schemas] ${s}`));
    for (const d of ['data/inbox/ssai', 'data/inbox/access', 'data/exports']) mkdirSync(join(projectRoot, d), { recursive: true });
    const logDir = join(stackPaths(env).stateDir, 'services');
    mkdirSync(logDir, { recursive: true });
    const { compiled, summary } = await build;
    print(`[build ${since()}] ${summary}`);
    await Promise.all(
      wanted.map(async (entry) => {
        const port = Number(env[entry.portVariable] || entry.defaultPort);
        const p = new ManagedProcess({
          name: entry.name,
          ...serviceCommand(entry.entry, compiled),
          cwd: projectRoot,
          env: { ...childEnv, [entry.portVariable]: String(port) },
          logFile: join(logDir, `${entry.name}.log`),
          pidFile: join(logDir, `${entry.name}.pid`),
          healthy: () => httpOk(`http://127.0.0.1:${port}/healthz`),
          startTimeoutMs: 60_000,
          stopTimeoutMs: 30_000,
        });
        services.push({ entry, process: p, port });
        await p.start();
        print(`[up ${since()}] ${entry.name} healthy`);
      }),
    );
    if (entries.includes(simulatorEntry)) {
      const p = new ManagedProcess({
        name: 'simulator',
        ...serviceCommand(simulatorEntry, compiled),
        cwd: projectRoot,
        env: { ...childEnv, SIMULATOR_COLLECTOR_URL: env['SIMULATOR_COLLECTOR_URL'] || `http://127.0.0.1:${env['COLLECTOR_PORT'] || 8080}` },
        logFile: join(logDir, 'simulator.log'),
        pidFile: join(logDir, 'simulator.pid'),
        healthy: async () => true,
        startTimeoutMs: 10_000,
        stopTimeoutMs: 10_000,
      });
      services.push({ entry: { name: 'simulator', entry: simulatorEntry, portVariable: '', defaultPort: 0 }, process: p, port: 0 });
      await p.start();
    }
    print('');
    print(`Playpulse is up (${((Date.now() - t0) / 1000).toFixed(1)} s):`);
    for (const part of stack.parts) print(`  ${part.name.padEnd(18)} ${part.address}${part.startedHere ? `  (started here, log ${part.logFile})` : '  (already running)'}`);
    for (const s of services) {
      if (s.port) print(`  ${s.entry.name.padEnd(18)} http://127.0.0.1:${s.port}${s.entry.page ?? ''}   metrics http://127.0.0.1:${s.port}/metrics`);
      else print(`  ${s.entry.name.padEnd(18)} running, log ${s.process.opts.logFile}`);
    }
    print(`  token (tenant demo): ${demoToken}`);
    print(`  try: curl -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' http://127.0.0.1:${env['COLLECTOR_PORT'] || 8080}/useractivityvault/v1/useractivity/appStart -d '{"accountId":"a1","userId":"","deviceId":"d1","key":""}'`);
    print(`  log inboxes: drop SSAI logs into ${join(projectRoot, 'data/inbox/ssai')}/ and access logs into ${join(projectRoot, 'data/inbox/access')}/`);
    print('Press Ctrl-C to stop.');
    return { stack, services, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
