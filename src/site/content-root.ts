import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * The directory the ingest wrote to: `content/` by default, or TIAOWEN_CONTENT
 * (absolute, or relative to the current working directory, which is the project root
 * for every npm script).
 */
export function contentRoot(): string {
  return path.resolve(process.cwd(), process.env.TIAOWEN_CONTENT || 'content');
}

/** A short name for a content root, for the caches kept per content root (Astro's, the search index's). */
export function contentRootKey(root: string): string {
  return createHash('sha1').update(root).digest('hex').slice(0, 12);
}
