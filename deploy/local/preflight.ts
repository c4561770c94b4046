/** Checks a user can act on before anything starts: Java 17+, Maven, free ports. */
import { execFileSync, spawnSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { PlaypulseError } from '../../services/runtime/errors.ts';

export class StackError extends PlaypulseError {
  constructor(code: string, message: string) {
    super(code, message, { retriable: false });
    this.name = 'StackError';
  }
}

/** The major version of `java` on PATH (it prints its version on stderr), or null when there is none. */
export function javaMajorVersion(): number | null {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error) return null;
  return parseJavaVersion(`${r.stderr ?? ''}${r.stdout ?? ''}`);
}

/** `openjdk version "17.0.15"` → 17; `java version "1.8.0_292"` → 8. */
export function parseJavaVersion(text: string): number | null {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return null;
  const major = Number(m[1]);
  return major === 1 && m[2] ? Number(m[2]) : major;
}

export function requireJava(): void {
  const v = javaMajorVersion();
  if (v === null) throw new StackError('JAVA_MISSING', 'Java 17+ is required to run Kafka and the schema registry locally, and `java` was not found on PATH. Install a JDK 17+ (e.g. `apt-get install openjdk-17-jre-headless`) or point KAFKA_BROKERS/SCHEMA_REGISTRY_URL at running services.');
  if (v < 17) throw new StackError('JAVA_TOO_OLD', `Java 17+ is required, found Java ${v}. Install a JDK 17+ or set JAVA_HOME/PATH to one.`);
}

export function requireMaven(): void {
  try {
    execFileSync('mvn', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new StackError('MAVEN_MISSING', 'Apache Maven (`mvn`) is required to fetch the Kafka and schema-registry jars from Maven Central, and it was not found on PATH. Install it (e.g. `apt-get install maven`) or use the Docker path in deploy/docker-compose.yml.');
  }
}

/** True when something accepts TCP connections on host:port. */
export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Which process listens on a port, as far as `ss` can tell (empty when unknown). */
export function portOwner(port: number): string {
  try {
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const m = /users:\(\("([^"]+)",pid=(\d+)/.exec(out);
    return m ? `${m[1]} (pid ${m[2]})` : out.trim();
  } catch {
    return '';
  }
}

export async function requireFreePort(port: number, what: string): Promise<void> {
  if (await portAnswers(port)) {
    const owner = portOwner(port);
    throw new StackError('PORT_IN_USE', `Port ${port} is needed for ${what} but is already in use${owner ? ` by ${owner}` : ''}, and it does not answer as ${what}. Stop that process or set the matching environment variable to a running ${what}.`);
  }
}
