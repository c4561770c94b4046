/** Commands contributed by services, listed in one place so main.ts stays small. */
import type { ExtraCommand } from './extra-command.ts';
import { tokenCommand } from '../collector/token-command.ts';
import { backfillCommand } from '../tailer/backfill-command.ts';
import { simulateCommand } from '../simulator/simulate-command.ts';

export type { ExtraCommand };

export const extraCommands: ExtraCommand[] = [tokenCommand, backfillCommand, simulateCommand];
