/**
 * A worker thread running one of these TypeScript modules through tsx, whatever started this
 * process: Node's own type stripping does not resolve the modules' imports without
 * extensions, and `execArgv` replaces what the worker would inherit.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function tsWorker(file: URL, options: Omit<WorkerOptions, 'execArgv'> = {}): Worker {
  return new Worker(file, { ...options, execArgv: ['--import', import.meta.resolve('tsx')] });
}
