/** A single-node KRaft Kafka broker run from the Maven-resolved jars. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import '../../services/runtime/kafkajs-patches.ts'; // before kafkajs: its patches apply only to a fresh load
import { Kafka, logLevel } from 'kafkajs';
import { ManagedProcess } from './managed-process.ts';
import { StackError } from './preflight.ts';

const execFileAsync = promisify(execFile);

export interface KafkaNodeOptions {
  libs: string;
  dir: string;
  port: number;
  controllerPort: number;
  heapMb?: number;
}

export function kafkaProperties(o: KafkaNodeOptions): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${o.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${o.port},CONTROLLER://127.0.0.1:${o.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${o.port}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${join(o.dir, 'data')}`,
    'num.partitions=3',
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=12',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'min.insync.replicas=1',
    'group.initial.rebalance.delay.ms=0',
    'log.retention.check.interval.ms=60000',
    'delete.topic.enable=true',
    '',
  ].join('\n');
}

const LOG4J = [
  'log4j.rootLogger=INFO, stdout',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  'log4j.logger.kafka.request.logger=WARN',
  'log4j.logger.state.change.logger=WARN',
  'log4j.logger.kafka.log.LogCleaner=WARN',
  'log4j.logger.org.apache.kafka.storage.internals.log=WARN',
  'log4j.logger.kafka.log=WARN',
  'log4j.logger.kafka.coordinator=WARN',
  'log4j.logger.org.apache.kafka.coordinator=WARN',
  '',
].join('\n');

export async function kafkaAnswers(brokers: string[], timeoutMs = 2000): Promise<boolean> {
  const kafka = new Kafka({ clientId: 'playpulse-probe', brokers, logLevel: logLevel.NOTHING, connectionTimeout: timeoutMs, requestTimeout: timeoutMs, retry: { retries: 0 } });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** A random cluster id as Kafka makes them: 16 bytes base64url, never starting with '-' (it would read as an option). */
export function newClusterId(random: (n: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export async function prepareKafka(o: KafkaNodeOptions): Promise<{ configFile: string; formatted: boolean }> {
  mkdirSync(o.dir, { recursive: true });
  const configFile = join(o.dir, 'server.properties');
  writeFileSync(configFile, kafkaProperties(o));
  writeFileSync(join(o.dir, 'log4j.properties'), LOG4J);
  if (existsSync(join(o.dir, 'data', 'meta.properties'))) return { configFile, formatted: false };
  const clusterId = newClusterId();
  try {
    await execFileAsync('java', ['-cp', `${o.libs}/*`, `-Dlog4j.configuration=file:${join(o.dir, 'log4j.properties')}`, 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '-c', configFile], { timeout: 120_000 });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new StackError('KAFKA_FORMAT_FAILED', `formatting Kafka storage in ${o.dir} failed: ${e.stderr || e.stdout || e.message}`);
  }
  return { configFile, formatted: true };
}

export function kafkaProcess(o: KafkaNodeOptions, configFile: string): ManagedProcess {
  return new ManagedProcess({
    name: 'Kafka',
    command: 'java',
    args: [
      `-Xms${o.heapMb ?? 512}m`,
      `-Xmx${o.heapMb ?? 512}m`,
      '-XX:+UseG1GC',
      '-Xshare:auto',
      '-Djava.awt.headless=true',
      `-Dlog4j.configuration=file:${join(o.dir, 'log4j.properties')}`,
      `-Dkafka.logs.dir=${join(o.dir, 'logs')}`,
      '-cp',
      `${o.libs}/*`,
      'kafka.Kafka',
      configFile,
    ],
    logFile: join(o.dir, 'kafka.log'),
    pidFile: join(o.dir, 'kafka.pid'),
    healthy: () => kafkaAnswers([`127.0.0.1:${o.port}`], 1500),
    startTimeoutMs: 120_000,
    stopTimeoutMs: 20_000,
  });
}
