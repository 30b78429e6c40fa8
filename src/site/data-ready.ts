/**
 * A build that starts Astro with the ingest (scripts/build.ts): the ingest writes the pages'
 * MDX first and tells the build so (MDX_WRITTEN, over IPC), which removes the file named by
 * TIAOWEN_MDX_PENDING, for which Astro's loader waits; Astro then syncs and bundles the
 * pages, which read only the MDX, while the ingest compares provisions
 * and writes the data files. Nothing in the site reads a data file before the pages are
 * rendered, so Astro waits, once the bundle is written, for the file named by
 * TIAOWEN_DATA_PENDING to be gone: the build removes it when the ingest has succeeded (and
 * stops Astro when it has failed).
 *
 * On the corpus, the comparison (about 15 s, mostly one thread) and Astro's bundling
 * (about 30 s) overlap instead of following each other.
 */
import fs from 'node:fs';
import type { AstroIntegration } from 'astro';

export const DATA_PENDING_ENV = 'TIAOWEN_DATA_PENDING';

/** The file that is there until the ingest has written the pages' MDX: Astro starts before, and its loader waits (regulations-loader.ts). */
export const MDX_PENDING_ENV = 'TIAOWEN_MDX_PENDING';

export const MDX_WRITTEN = { type: 'mdx-written' } as const;

export function isMdxWritten(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === MDX_WRITTEN.type;
}

export class DataNotReadyError extends Error {}

/**
 * Resolves once `file` is gone (at once without a file). Rejects if the process that started
 * this one has gone (this process was handed to another parent), since nobody is left to
 * remove the file.
 */
export async function dataReady(file: string | undefined, { pollMs = 50, parent = process.ppid } = {}): Promise<void> {
  if (!file) return;
  while (fs.existsSync(file)) {
    if (process.ppid !== parent) throw new DataNotReadyError(`the build waiting for the ingest's data (${file}) has stopped`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** The integration: after the bundle is written, waits for the data files (see above). */
export function waitForData(file = process.env[DATA_PENDING_ENV]): AstroIntegration {
  return {
    name: 'tiaowen:wait-for-data',
    hooks: {
      'astro:config:setup': ({ command, updateConfig, logger }) => {
        if (command !== 'build' || !file) return;
        let ready: Promise<void> | undefined;
        const wait = async () => {
          const start = performance.now();
          await dataReady(file);
          const seconds = (performance.now() - start) / 1000;
          if (seconds >= 0.1) logger.info(`waited ${seconds.toFixed(1)} s for the ingest's data files`);
        };
        // every environment's bundle waits for the same check
        updateConfig({ vite: { plugins: [{ name: 'tiaowen:wait-for-data', writeBundle: () => (ready ??= wait()) }] } });
      },
    },
  };
}
