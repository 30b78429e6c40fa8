/**
 * How the Astro build's process is started so that its memory stays near what it uses,
 * and its garbage collection takes less of its time.
 *
 * Since the content store no longer keeps the MDX text (src/content.config.ts, retainBody),
 * about 1 GB less is alive during the render; a growth of 1.5 times then made the render
 * collect more often (rendering 70 → 78 s, peak 3.2 → 2.2 GB), a growth of 2 times gives
 * the time back at that peak (rendering 66–74 s, whole Astro build 100–106 s, 2.3 GB).
 *
 * Measured on the corpus (3,367 documents, Astro alone, every page rendered): 5.0 GB
 * resident at the peak and 2 min 1–7 s with Node's defaults; 3.0–3.2 GB with the first two
 * settings below, in the same time; 3.1 GB and 1 min 56 s with all three.
 *
 * - The bundler (Rolldown, native code) allocates with mimalloc, which by default keeps
 *   freed pages for a while and backs them with transparent huge pages: after bundling,
 *   close to 3 GB stayed resident through the whole render. Returning freed pages at once
 *   and using small pages gives that memory back when bundling ends.
 * - V8 lets the heap grow up to four times what survives a full collection before it
 *   collects again; rendering 3,438 pages kept about 1 GB alive but reached 2.3 GB of heap.
 *   A bounded growth caps the heap near what is alive without a fixed limit (a fixed
 *   `--max-old-space-size` fails a larger site outright instead of collecting more often).
 * - Rendering allocates short-lived strings fast: with V8's default young generation the
 *   render collected it some 2,700 times, and garbage collection was a fifth of the build's
 *   time. A 64 MB semi-space: render 88 → 79 s at the same peak (128 MB: no faster, 0.5 GB
 *   more).
 */
export const ASTRO_NODE_FLAGS: readonly string[] = ['--heap-growing-percent=100', '--max-semi-space-size=64'];

export const ASTRO_ALLOCATOR_ENV: Readonly<Record<string, string>> = {
  MIMALLOC_PURGE_DELAY: '0',
  MIMALLOC_ALLOW_THP: '0',
};
