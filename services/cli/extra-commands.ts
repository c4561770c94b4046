/** Commands contributed by services (token, backfill, …), listed in one place so main.ts stays small. */
export interface ExtraCommand {
  name: string;
  usage: string;
  run(argv: string[], env: NodeJS.ProcessEnv, print: (s: string) => void): Promise<number>;
}

export const extraCommands: ExtraCommand[] = [];
