/**
 * Astro waiting for the ingest's data files (src/site/data-ready.ts): the wait ends when the
 * build removes the pending file, and fails rather than waits forever when the build is gone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { DataNotReadyError, dataReady, isMdxWritten, MDX_WRITTEN, waitForData } from '../../src/site/data-ready';

const pendingFile = () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-pending-')), 'ingest.pending');
  fs.writeFileSync(file, '');
  return file;
};

/** Whether `promise` has settled after `ms` of waiting. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  promise.then(() => (settled = true), () => (settled = true));
  await new Promise((resolve) => setTimeout(resolve, ms));
  return settled;
}

test('without a pending file there is nothing to wait for', async () => {
  await expect(dataReady(undefined)).resolves.toBeUndefined();
  await expect(dataReady(path.join(os.tmpdir(), 'tiaowen-no-such-file.pending'))).resolves.toBeUndefined();
});

test('the wait lasts while the pending file is there and ends when it is removed', async () => {
  const file = pendingFile();
  const ready = dataReady(file, { pollMs: 10 });
  expect(await settledWithin(ready, 150)).toBe(false);
  fs.rmSync(file);
  expect(await settledWithin(ready, 150)).toBe(true);
  await expect(ready).resolves.toBeUndefined();
});

test('the wait fails when the process that started this one is gone', async () => {
  const file = pendingFile();
  // the parent it was started by is not the parent it has now
  await expect(dataReady(file, { pollMs: 10, parent: process.ppid + 1 })).rejects.toThrow(DataNotReadyError);
  await expect(dataReady(file, { pollMs: 10, parent: process.ppid + 1 })).rejects.toThrow(file);
  fs.rmSync(file);
});

test("the integration holds Astro's bundle output until the data files are there, once for every environment", async () => {
  const file = pendingFile();
  let plugins: { writeBundle(): Promise<void> }[] = [];
  const info: string[] = [];
  const setup = waitForData(file).hooks['astro:config:setup'] as (options: unknown) => void;
  setup({ command: 'build', updateConfig: (c: { vite: { plugins: typeof plugins } }) => (plugins = c.vite.plugins), logger: { info: (m: string) => info.push(m) } });
  expect(plugins).toHaveLength(1);
  const server = plugins[0]!.writeBundle();
  const client = plugins[0]!.writeBundle();
  expect(await settledWithin(Promise.race([server, client]), 200)).toBe(false);
  fs.rmSync(file);
  await Promise.all([server, client]);
  expect(info).toHaveLength(1);
  expect(info[0]).toMatch(/^waited \d+\.\d s for the ingest's data files$/);
  // not in `astro dev`, nor without a pending file
  let devPlugins: unknown;
  setup({ command: 'dev', updateConfig: () => (devPlugins = 'set'), logger: { info() {} } });
  expect(devPlugins).toBeUndefined();
});

test('the message the ingest sends when the MDX is written', () => {
  expect(isMdxWritten(MDX_WRITTEN)).toBe(true);
  expect(isMdxWritten(structuredClone(MDX_WRITTEN))).toBe(true);
  expect(isMdxWritten({ type: 'other' })).toBe(false);
  expect(isMdxWritten(null)).toBe(false);
  expect(isMdxWritten('mdx-written')).toBe(false);
});
