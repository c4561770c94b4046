/** Public surface of the tailer's pure parsers (no I/O). */
export { parseSsaiLine, createSsaiParser } from './parse-ssai-line.ts';
export type { SsaiParseOptions, SsaiParser } from './parse-ssai-line.ts';
export { createAccessParser, ACCESS_FORMATS } from './create-access-parser.ts';
export type { AccessParserOptions, AccessLineParser } from './create-access-parser.ts';
export { detectAccessFormat } from './detect-access-format.ts';
export { parseCmcd, parseCmcdFromQuery } from './parse-cmcd.ts';
export { listenerKey, listenerKeyOf, createListenerKeyer } from './listener-key.ts';
export type { ListenerKeyer } from './listener-key.ts';
export { createIpHasher, sharedIpHasher } from './ip-hasher.ts';
export type { IpHasher, HashedIp } from './ip-hasher.ts';
export { SKIP, reject, record } from './parse-result.ts';
export type { LineResult, ParsedRecord, SkippedLine, RejectedLine, RejectCode, LineSource } from './parse-result.ts';
