/**
 * The local stack: Kafka (KRaft), Apicurio Registry and Redis. Each part is reused when its
 * address already answers (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, REDIS_URL or the defaults);
 * otherwise it is fetched with mvn (once) and started here, and stopped again by stop().
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stackPaths } from './paths.ts';
import { fetchApicurio, fetchKafka } from './fetch-artifacts.ts';
import { prepareKafka, kafkaProcess, kafkaAnswers } from './kafka-node.ts';
import { registryProcess, registryAnswers, CCOMPAT_PATH } from './registry-node.ts';
import { redisProcess, redisAnswers } from './redis-node.ts';
import { requireFreePort, requireJava, StackError } from './preflight.ts';
import type { ManagedProcess } from './managed-process.ts';

export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';
export const DEFAULT_SCHEMA_REGISTRY_URL = `http://127.0.0.1:8081${CCOMPAT_PATH}`;
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface StackOptions {
  env?: NodeJS.ProcessEnv;
  /** Wipe the data of parts started here (Kafka log dirs, registry database, Redis AOF). */
  fresh?: boolean;
  log?: (msg: string) => void;
}

export interface PartInfo {
  name: string;
  address: string;
  startedHere: boolean;
  pid?: number;
  logFile?: string;
}

export interface RunningStack {
  kafkaBrokers: string;
  schemaRegistryUrl: string;
  redisUrl: string;
  parts: PartInfo[];
  stop(): Promise<void>;
}

function isLocalHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]';
}

export async function startStack(opts: StackOptions = {}): Promise<RunningStack> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => undefined);
  const paths = stackPaths(env);
  mkdirSync(paths.stateDir, { recursive: true });

  const kafkaBrokers = env['KAFKA_BROKERS'] || DEFAULT_KAFKA_BROKERS;
  const schemaRegistryUrl = env['SCHEMA_REGISTRY_URL'] || DEFAULT_SCHEMA_REGISTRY_URL;
  const redisUrl = env['REDIS_URL'] || DEFAULT_REDIS_URL;

  const [kafkaUp, registryUp, redisUp] = await Promise.all([
    kafkaAnswers(kafkaBrokers.split(','), 1500),
    registryAnswers(schemaRegistryUrl, 1500),
    redisAnswers(redisUrl, 1000),
  ]);

  const started: ManagedProcess[] = [];
  const parts: PartInfo[] = [];
  const stop = async () => {
    for (const p of [...started].reverse()) {
      log(`stopping ${p.opts.name}`);
      await p.stop();
    }
  };

  try {
    const needKafka = !kafkaUp;
    const needRegistry = !registryUp;
    const kafkaAddr = needKafka ? localAddress('KAFKA_BROKERS', `kafka://${kafkaBrokers.split(',')[0]}`) : null;
    const registryAddr = needRegistry ? localAddress('SCHEMA_REGISTRY_URL', schemaRegistryUrl) : null;
    const redisAddr = !redisUp ? localAddress('REDIS_URL', redisUrl) : null;
    if (kafkaAddr) await requireFreePort(kafkaAddr.port, 'Kafka');
    if (kafkaAddr) await requireFreePort(kafkaAddr.port + 1, 'the Kafka controller');
    if (registryAddr) await requireFreePort(registryAddr.port, 'the schema registry');
    if (redisAddr) await requireFreePort(redisAddr.port, 'Redis');
    if (needKafka || needRegistry) requireJava();

    const [kafkaLibs, launcherJar] = await Promise.all([
      needKafka ? fetchKafka(paths, log) : Promise.resolve(''),
      needRegistry ? fetchApicurio(paths, log) : Promise.resolve(''),
    ]);

    const kafkaDir = join(paths.stateDir, 'kafka');
    const registryDir = join(paths.stateDir, 'registry');
    const redisDir = join(paths.stateDir, 'redis');
    if (opts.fresh) {
      if (needKafka) rmSync(kafkaDir, { recursive: true, force: true });
      if (needRegistry) rmSync(join(registryDir, 'db'), { recursive: true, force: true });
      if (redisAddr) rmSync(redisDir, { recursive: true, force: true });
    }

    const launches: Array<Promise<void>> = [];
    if (kafkaAddr) {
      const node = { libs: kafkaLibs, dir: kafkaDir, port: kafkaAddr.port, controllerPort: kafkaAddr.port + 1 };
      const { configFile, formatted } = await prepareKafka(node);
      if (formatted) log(`formatted Kafka storage in ${kafkaDir}`);
      const p = kafkaProcess(node, configFile);
      started.push(p);
      log('starting Kafka');
      launches.push(p.start());
    }
    if (registryAddr) {
      mkdirSync(registryDir, { recursive: true });
      const p = registryProcess({ launcherJar, dir: registryDir, port: registryAddr.port });
      started.push(p);
      log('starting Apicurio Registry');
      launches.push(p.start());
    }
    if (redisAddr) {
      const p = redisProcess(redisDir, redisAddr.port);
      started.push(p);
      log('starting redis-server (AOF on)');
      launches.push(p.start());
    }
    const results = await Promise.allSettled(launches);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;

    const byName = new Map(started.map((p) => [p.opts.name, p]));
    const info = (name: string, address: string): PartInfo => {
      const p = byName.get(name);
      return p ? { name, address, startedHere: true, pid: p.pid, logFile: p.opts.logFile } : { name, address, startedHere: false };
    };
    parts.push(info('Kafka', kafkaBrokers), info('Apicurio Registry', schemaRegistryUrl), info('Redis', redisUrl));
    return { kafkaBrokers, schemaRegistryUrl, redisUrl, parts, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The port of a local address we may start something on; a remote one that does not answer is an error. */
function localAddress(variable: string, url: string): { port: number } {
  const u = new URL(url);
  if (!isLocalHost(u.hostname)) {
    throw new StackError('PART_UNREACHABLE', `${variable}=${url} does not answer, and it is not on this machine, so the local stack cannot start it. Check the address or unset ${variable}.`);
  }
  const port = Number(u.port);
  if (!port) throw new StackError('PART_UNREACHABLE', `${variable}=${url} has no port`);
  return { port };
}
