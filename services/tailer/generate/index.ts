/** Public surface of the deterministic log generators. */
export { mulberry32, Rng } from '../../runtime/seeded-rng.ts';
export { generateSsaiLines } from './ssai-generator.ts';
export type { SsaiGeneratorOptions } from './ssai-generator.ts';
export { ssaiFileName } from './ssai-file-name.ts';
export type { SsaiFileNameOptions } from './ssai-file-name.ts';
export { generateAccessRequests } from './access-model.ts';
export type { AccessRequest, AccessModelOptions } from './access-model.ts';
export { generateAccessLines } from './access-generator.ts';
export type { AccessGeneratorOptions } from './access-generator.ts';
export { renderAccessLine, W3C_LAYOUTS } from './access-render.ts';
export { accessFileName } from './access-file-name.ts';
export type { AccessFileNameOptions } from './access-file-name.ts';
export { writeLogFile } from './write-log-file.ts';
export type { WriteLogFileOptions, WriteLogFileResult } from './write-log-file.ts';
