/** A command contributed by a service (token, backfill, …). */
export interface ExtraCommand {
  name: string;
  usage: string;
  run(argv: string[], env: NodeJS.ProcessEnv, print: (s: string) => void): Promise<number>;
}
