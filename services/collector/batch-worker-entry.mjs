// Starts batch-worker.ts in a worker thread when the collector runs from its TypeScript sources
// (tests, tsx); the compiled build starts dist/services/collector/batch-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./batch-worker.ts');
