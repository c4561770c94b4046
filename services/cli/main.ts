/** `playpulse <command>`: the one entry point for operators (SPEC §9). */
import { parse, UsageError } from './args.ts';
import { PlaypulseError } from '../runtime/errors.ts';
import { up } from './commands/up.ts';
import { applyTopicsCommand } from './commands/topics.ts';
import { applySchemasCommand } from './commands/schemas.ts';
import { tailCommand } from './commands/tail.ts';
import { extraCommands } from './extra-commands.ts';

const USAGE = `usage: playpulse <command>

  up [--no-simulator] [--fresh]   local stack (Kafka, schema registry, Redis) + every service + simulator
  topics apply                    create missing topics (topics/catalog.ts), report drift
  schemas apply                   register avro/*.avsc under <topic>-value (BACKWARD)
  tail TOPIC [--from-beginning] [--max N]
                                  decoded records of a topic as JSON lines
${extraCommands.map((c) => `  ${c.usage}`).join('\n')}
Configuration comes from the environment (see README, "Configuration").`;

const print = (s: string) => process.stdout.write(`${s}\n`);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up': {
      const { values } = parse(rest, { 'no-simulator': { type: 'boolean' }, fresh: { type: 'boolean' } });
      const running = await up({ simulator: !values['no-simulator'], fresh: Boolean(values.fresh) }, process.env, print);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      // A second Ctrl-C while stopping must not kill this process with the default handler: that
      // would leave every service and stack part it started running. Each part's stop ends in
      // SIGKILL after its own timeout, so stopping cannot hang.
      const again = () => print('still stopping (services first, then the stack parts started here)…');
      process.on('SIGINT', again);
      process.on('SIGTERM', again);
      const t = Date.now();
      print('stopping…');
      await running.stop();
      print(`stopped in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      return 0;
    }
    case 'topics':
      if (rest[0] !== 'apply') throw new UsageError('topics: expected `topics apply`');
      return (await applyTopicsCommand(process.env, print)).drift.length > 0 ? 3 : 0;
    case 'schemas':
      if (rest[0] !== 'apply') throw new UsageError('schemas: expected `schemas apply`');
      await applySchemasCommand(process.env, print);
      return 0;
    case 'tail': {
      const { values, positionals } = parse(rest, { 'from-beginning': { type: 'boolean' }, max: { type: 'string' } });
      const topic = positionals[0];
      if (!topic) throw new UsageError('tail: which topic?');
      await tailCommand(process.env, topic, { fromBeginning: Boolean(values['from-beginning']), max: values.max ? Number(values.max) : undefined }, print);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      print(USAGE);
      return command === undefined ? 1 : 0;
    default: {
      const extra = extraCommands.find((c) => c.name === command);
      if (extra) return extra.run(rest, process.env, print);
      throw new UsageError(`unknown command ${command}`);
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${USAGE}\n`);
      process.exit(64);
    }
    const code = err instanceof PlaypulseError ? ` [${err.code}]` : '';
    process.stderr.write(`playpulse: ${(err as Error).message}${code}\n`);
    process.exit(1);
  },
);
