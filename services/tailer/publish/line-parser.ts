/**
 * Where a file job's lines are parsed and encoded: on its own thread (the default) or in a parse
 * worker (TAILER_PARSE_WORKERS, parse-worker-pool.ts). A parser belongs to one file and keeps that
 * file's parser state (W3C #Fields, TSV header); batches are numbered consecutively.
 */
import type { ResolvedFormat } from '../checkpoint/checkpoint.ts';
import { createFormatPipeline, type Encoders, type PipelineOptions } from './format-pipeline.ts';
import { processLines, type LineOutcome } from './line-outcome.ts';

export interface LineParser {
  /** Where the batch last handed to parse() is parsed. */
  readonly where: 'thread' | 'worker';
  parse(texts: readonly string[], firstLineNo: number): LineOutcome[] | Promise<LineOutcome[]>;
  /** The file is done (or abandoned): its parser state can go. */
  close(): void;
}

export type OpenLineParser = (format: ResolvedFormat, opts: PipelineOptions) => LineParser;

export function inlineParsers(encoders: Encoders): OpenLineParser {
  return (format, opts) => {
    const pipeline = createFormatPipeline(format, encoders, opts);
    return { where: 'thread', parse: (texts, firstLineNo) => processLines(pipeline, texts, firstLineNo), close: () => undefined };
  };
}
