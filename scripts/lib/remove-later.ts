/**
 * Deleting an earlier build's output without slowing the build down.
 *
 * A folder to be replaced (the output folder; the search index's cache with --force) is
 * moved aside at once, as .<name>-previous-<pid>, and deleted by a process of the lowest
 * priority that is not waited for and may outlive the build. Deleted on the build's own
 * threads while it ran, the corpus site's output (1.1 GB, 175,000 files) and its index cache
 * (165,826 files) went with whole builds of 150–170 s, against 120 s with them deleted
 * beforehand, the difference all system time (the disk discards what is deleted). At the
 * lowest priority the deletion mostly waits for an idle core, and the build no longer waits
 * for it at the end (about 14 s); builds are still slow at times (README, Performance).
 *
 * Anything a deletion left (an interrupted build) goes with the next build's.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MARK = '-previous-';

/** The folders set aside in `parent` (by any build) and not yet deleted. */
export function setAsideIn(parent: string): string[] {
  if (!fs.existsSync(parent)) return [];
  return fs.readdirSync(parent).filter((name) => name.startsWith('.') && name.includes(MARK)).map((name) => path.join(parent, name));
}

/** Where `dir` is set aside, but for the build's process id. */
const asidePrefix = (dir: string) => path.join(path.dirname(dir), `.${path.basename(dir)}${MARK}`);

/** The folders set aside for `dir` and not yet deleted. */
function setAside(dir: string): string[] {
  return setAsideIn(path.dirname(dir)).filter((f) => f.startsWith(asidePrefix(dir)));
}

/** Moves `dir` aside (if it is there) and deletes it, and whatever was set aside beside it before, in the background. */
export function removeLater(dir: string): void {
  if (fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    fs.renameSync(dir, `${asidePrefix(dir)}${process.pid}`);
  }
  const folders = setAside(dir);
  if (folders.length === 0) return;
  // another deletion may be at the same folder: whatever it removed first is not an error
  const script = 'for (const d of process.argv.slice(1)) try { require("node:fs").rmSync(d, { recursive: true, force: true }) } catch {}';
  const child = spawn(process.execPath, ['-e', script, ...folders], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  try {
    if (child.pid !== undefined) os.setPriority(child.pid, os.constants.priority.PRIORITY_LOW);
  } catch {
    // the priority is a courtesy: the deletion goes on without it
  }
  child.unref();
}

/** Waits until nothing is set aside in any of `parents` (for the bench and the tests, before they measure or look). */
export async function removed(parents: string[], timeoutMs = 120_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (parents.some((p) => setAsideIn(p).length > 0)) {
    if (performance.now() > until) throw new Error(`still not deleted after ${timeoutMs / 1000} s: ${parents.flatMap(setAsideIn).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
