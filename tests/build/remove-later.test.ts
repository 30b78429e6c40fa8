/**
 * Deleting an earlier build's folders in the background (scripts/lib/remove-later.ts): the
 * folder is out of the way at once, and deleted soon after, with whatever an interrupted
 * build had set aside before.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { removeLater, removed, setAsideIn } from '../../scripts/lib/remove-later';

function tree(dir: string, files = 200): void {
  for (let i = 0; i < files; i++) {
    const file = path.join(dir, `d${i % 7}`, `f${i}.txt`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `file ${i}`);
  }
}

test('the folder is moved aside at once and deleted in the background', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-remove-'));
  const dir = path.join(parent, 'dist');
  tree(dir);
  fs.writeFileSync(path.join(parent, 'kept.txt'), 'not part of the folder');
  removeLater(dir);
  // the name is free for the build at once
  expect(fs.existsSync(dir)).toBe(false);
  await removed([parent], 30_000);
  expect(setAsideIn(parent)).toEqual([]);
  expect(fs.readdirSync(parent)).toEqual(['kept.txt']);
  fs.rmSync(parent, { recursive: true });
});

test('what an interrupted build set aside goes with the next deletion, and another folder set aside stays', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-remove-'));
  const dir = path.join(parent, 'dist');
  tree(path.join(parent, '.dist-previous-1'));
  tree(path.join(parent, '.dist-previous-2'), 20);
  tree(path.join(parent, '.other-previous-3'), 5);
  // nothing is there now under the name itself
  removeLater(dir);
  const deadline = Date.now() + 30_000;
  while (setAsideIn(parent).length > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(setAsideIn(parent).map((f) => path.basename(f))).toEqual(['.other-previous-3']);
  removeLater(path.join(parent, 'other'));
  await removed([parent], 30_000);
  expect(fs.readdirSync(parent)).toEqual([]);
  fs.rmSync(parent, { recursive: true });
});

test('nothing to delete: no folder, nothing set aside', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-remove-'));
  removeLater(path.join(parent, 'dist'));
  expect(fs.readdirSync(parent)).toEqual([]);
  await expect(removed([parent, path.join(parent, 'no-such-folder')], 1000)).resolves.toBeUndefined();
  fs.rmSync(parent, { recursive: true });
});

test('waiting gives up with the folders still there', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-remove-'));
  fs.mkdirSync(path.join(parent, '.dist-previous-7'));
  await expect(removed([parent], 300)).rejects.toThrow('.dist-previous-7');
  fs.rmSync(parent, { recursive: true });
});
