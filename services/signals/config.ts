/** Signals settings; the score table can be overridden per activity with JSON, e.g. SIGNALS_SCORES='{"playbackStart":0.9,"railSelection":{"score":0.3,"item":"editorialId"}}'. */
import { z } from 'zod';
import { commonConfig, port, str } from '../runtime/config.ts';

export const signalsConfig = {
  ...commonConfig,
  SIGNALS_PORT: port(9106),
  SIGNALS_GROUP_ID: str('playpulse-signals'),
  /** JSON object of overrides of the default scores (a number, {score,item}, or null to drop an activity). */
  SIGNALS_SCORES: z.preprocess((v) => (v === undefined || v === '' ? '{}' : v), z.string()),
};

export type SignalsConfig = { [K in keyof typeof signalsConfig]: z.output<(typeof signalsConfig)[K]> };
