import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { IDLE_NICE } from '../../src/site/search/thread-priority';

/** Lowers a worker thread's priority from inside it; the thread's id and its priority as the thread then sees it. */
function lowerInWorker(): Promise<{ tid: number | null; own: number }> {
  const code = `
    const { parentPort } = require('node:worker_threads');
    import(${JSON.stringify(new URL('../../src/site/search/thread-priority.ts', import.meta.url).href)}).then(({ lowerThreadPriority }) => {
      const tid = lowerThreadPriority();
      parentPort.postMessage({ tid, own: require('node:os').getPriority(tid ?? 0) });
    });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, execArgv: ['--import', 'tsx'] });
    worker.once('message', (m) => void worker.terminate().then(() => resolve(m)));
    worker.once('error', reject);
  });
}

describe.runIf(process.platform === 'linux')('lowering a thread’s priority', () => {
  it('lowers the calling thread’s alone: the process’s other threads keep theirs', async () => {
    const before = os.getPriority();
    const { tid, own } = await lowerInWorker();
    expect(tid).not.toBeNull();
    expect(tid).not.toBe(process.pid);
    expect(own).toBe(IDLE_NICE);
    expect(os.getPriority()).toBe(before);
    expect(os.getPriority(process.pid)).toBe(before);
  });
});
