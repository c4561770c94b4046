// A worker thread's first module when the services run from their TypeScript sources (tests, tsx):
// registers tsx in this thread, then imports the .ts module named by the first argument
// (services/runtime/worker-thread.ts). The compiled build starts the .js module directly.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
