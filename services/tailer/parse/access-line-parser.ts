import type { AccessEvent } from '../../../avro/generated/index.ts';
import type { LineResult } from './parse-result.ts';

/** A stateful parser for one access-log file: feed it every line in order. */
export interface AccessLineParser {
  /** `lineNo` is the 1-based line number in the (decompressed) file. */
  parseLine(line: string, lineNo: number): LineResult<AccessEvent>;
}
