/**
 * Lowering the priority of the calling thread alone, so that its work takes only what the
 * machine's cores leave idle.
 *
 * Linux schedules threads, and its setpriority(2) with a thread id changes that thread's
 * nice value only (a documented difference from POSIX, where it would be the process's);
 * Node's os.setPriority passes the id through. A thread finds its id in /proc/thread-self.
 */
import fs from 'node:fs';
import os from 'node:os';

/** The lowest priority: at nice 19 a thread gets about 1.5% of a core another thread wants. */
export const IDLE_NICE = 19;

/** Lowers this thread's priority to IDLE_NICE; returns its thread id, or null where it cannot (not Linux). */
export function lowerThreadPriority(): number | null {
  let tid: number;
  try {
    tid = Number(path(fs.readlinkSync('/proc/thread-self')));
  } catch {
    return null;
  }
  if (!Number.isInteger(tid) || tid <= 0) return null;
  try {
    os.setPriority(tid, IDLE_NICE);
  } catch {
    return null;
  }
  return os.getPriority(tid) === IDLE_NICE ? tid : null;
}

/** "<pid>/task/<tid>" → its last part. */
function path(link: string): string {
  return link.slice(link.lastIndexOf('/') + 1);
}
