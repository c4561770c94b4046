/**
 * Starts a worker thread from a module next to the caller. The compiled build (dist/, .js) starts the
 * module directly; from the TypeScript sources (tests, tsx) the thread first registers tsx, through
 * tsx-worker-entry.mjs, and then imports the .ts module.
 */
import { Worker } from 'node:worker_threads';

/** `name` (without extension) beside the module at `callerUrl`, in the caller's own flavour (.js or .ts). */
export function siblingModule(callerUrl: string, name: string): URL {
  return new URL(`./${name}${callerUrl.endsWith('.js') ? '.js' : '.ts'}`, callerUrl);
}

export function startWorkerThread(module: URL, workerData: unknown): Worker {
  if (module.pathname.endsWith('.js')) return new Worker(module, { workerData });
  return new Worker(new URL('./tsx-worker-entry.mjs', import.meta.url), { workerData, argv: [module.href] });
}
