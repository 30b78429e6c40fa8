/**
 * Rendering the pages of a build on two threads instead of one.
 *
 * Astro renders a static build's pages one after another in one thread; for the corpus site
 * (3,438 pages) that was 66–74 s of its 100–106 s, with the machine's second core mostly idle.
 * Astro lets an integration replace how pages are prerendered (`setPrerenderer`, meant for
 * adapters that render in another runtime); this one keeps Astro's own renderer and adds a
 * worker thread that loads the same prerender bundle and renders part of the pages. Astro
 * still decides which pages to render, checks its incremental cache and writes every file;
 * only the rendering moves.
 *
 * Which pages go to the worker: every page of the routes other than the one with the most
 * pages (home, jurisdiction, comparison pages), so that the data they share (comparison
 * tables) is computed once, in the worker, while Astro's thread starts on the busiest route
 * (the document pages); and of that route, a page whenever the worker has fewer than
 * WORKER_QUEUE of them waiting, Astro's thread rendering the others. Only when that route has
 * enough pages to be worth a second copy of the bundle and of the data the pages load.
 *
 * Measured on the corpus site (3,438 pages, Astro alone): rendering 66–74 → 43–51 s, the
 * whole Astro build 95–106 → 74–86 s; every one of its 6,817 files byte for byte the same.
 */
import { Worker } from 'node:worker_threads';
import type { AstroIntegration, AstroPrerenderer } from 'astro';
import type { Plugin } from 'vite';
import type { FromWorker, PageStyles, ToWorker, WorkerInit } from './parallel-render-protocol.ts';

/**
 * Below this many pages of one route a second thread costs more than it saves: it loads the
 * bundle and the data the pages share once more, and in a whole build the search index is
 * being written on the other core. Measured (`npm run bench`, whole builds, two runs each,
 * with the worker → without): 300 documents 14.3–16.3 → 13.4–13.6 s, 1,000 documents
 * 35.3–39.6 → 36.5–39.5 s (even), the whole corpus 132.1 → 123.6 s; and the worker adds
 * 100–400 MB. TIAOWEN_RENDER_WORKER_PAGES overrides it: the tests use 1 to run the worker on
 * the bundled documents; "Infinity" turns it off.
 */
export const MIN_WORKER_PAGES = 1500;
/** pages of the shared route the worker holds at once, so that it never waits for Astro's thread */
const WORKER_QUEUE = 3;
/** pages Astro starts at once: enough for every other route's pages to be sent to the worker while Astro's thread starts on the shared route */
const CONCURRENCY = 128;

type RouteData = Parameters<AstroPrerenderer['render']>[1]['routeData'];
type RenderResult = Awaited<ReturnType<AstroPrerenderer['render']>>;

/** What the default prerenderer exposes after setup (Astro's `DefaultPrerenderer`). */
type DefaultPrerenderer = AstroPrerenderer & {
  app?: {
    getOptions(): {
      allPages: Record<string, { key: string; styles: PageStyles }>;
      settings: { scripts: { stage: string; content: string }[] };
      logger: { options: { destination: { write(message: unknown): unknown } } };
    };
  };
};

function workerPagesFromEnv(): number {
  const value = process.env.TIAOWEN_RENDER_WORKER_PAGES;
  if (value === undefined || value === '') return MIN_WORKER_PAGES;
  const pages = Number(value);
  if (!(pages >= 1)) throw new Error(`TIAOWEN_RENDER_WORKER_PAGES=${value}: not a number of pages (1 or more, or Infinity)`);
  return pages;
}

/** A route told apart by its pattern and its component (two routes may share a pattern). */
export function routeKey(route: { route: string; component: string }): string {
  return `${route.route}\u0000${route.component}`;
}

/** The route most pages belong to, when it has at least `min` of them. */
export function busiestRoute(paths: readonly { route: RouteData }[], min: number): string | undefined {
  const counts = new Map<string, number>();
  for (const { route } of paths) counts.set(routeKey(route), (counts.get(routeKey(route)) ?? 0) + 1);
  let best: [string, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best && best[1] >= min ? best[0] : undefined;
}

/**
 * Remembers where the bundler wrote the prerender entry (the module that exports Astro's
 * build app), so that the worker can load the same bundle.
 */
function prerenderEntryLocator(found: (file: string) => void): Plugin {
  return {
    name: 'tiaowen:prerender-entry',
    writeBundle(output, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.isEntry && chunk.fileName.startsWith('prerender-entry') && output.dir) {
          found(`${output.dir}/${chunk.fileName}`);
        }
      }
    },
  };
}

/** The worker stopped (crashed, ran out of memory, failed to load the bundle): not a page's error. */
class WorkerStopped extends Error {}

class RenderWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { route: string; resolve(result: RenderResult): void; reject(error: Error): void }>();
  #next = 0;
  #stopped: WorkerStopped | undefined;
  rendered = 0;

  constructor(init: WorkerInit, log: (message: unknown) => void) {
    this.#worker = new Worker(new URL('./parallel-render-worker.mjs', import.meta.url), { workerData: init });
    this.#worker.on('message', (message: FromWorker) => {
      if (message.type === 'log') return log(message.message);
      const waiting = this.#pending.get(message.id);
      if (!waiting) return;
      this.#pending.delete(message.id);
      if (message.type === 'error') {
        const error = new Error(message.message);
        error.stack = message.stack;
        return waiting.reject(error);
      }
      this.rendered++;
      const response = new Response(message.body, { status: message.status, statusText: message.statusText, headers: message.headers });
      waiting.resolve({ response, metadata: message.metadata });
    });
    const stop = (reason: string) => {
      this.#stopped ??= new WorkerStopped(reason);
      for (const waiting of this.#pending.values()) waiting.reject(this.#stopped);
      this.#pending.clear();
    };
    this.#worker.on('error', (error) => stop(error.message));
    this.#worker.on('exit', (code) => stop(`exit code ${code}`));
  }

  /** pages of `route` sent and not yet returned */
  waiting(route: string): number {
    let count = 0;
    for (const page of this.#pending.values()) if (page.route === route) count++;
    return count;
  }

  get stopped(): boolean {
    return this.#stopped !== undefined;
  }

  render(url: string, route: string, collectMetadata: boolean): Promise<RenderResult> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#next++;
    const message: ToWorker = { type: 'render', id, url, route, collectMetadata };
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { route, resolve, reject });
      this.#worker.postMessage(message);
    });
  }

  stop(): Promise<number> {
    this.#worker.removeAllListeners('exit');
    return this.#worker.terminate();
  }
}

/**
 * Astro's prerenderer with a worker thread beside it. The pages of every route but the
 * busiest are rendered by the worker, and put first: whatever data they share (comparison
 * tables, the citation index) is computed once, in the worker, while Astro's thread starts on
 * the busiest route's pages. Those are shared: one goes to the worker whenever it has fewer
 * than WORKER_QUEUE of them waiting, so that it never idles, and Astro's thread renders the rest.
 * If the worker stops, its pages are rendered in Astro's thread.
 */
function splitPrerenderer(base: DefaultPrerenderer, entry: () => string | undefined, minPages: number, first: (route: string) => boolean, log: (message: string) => void): AstroPrerenderer {
  let worker: RenderWorker | undefined;
  let shared: string | undefined;
  let warned = false;
  let turns: Promise<void> = Promise.resolve();
  /** waits for the pages before it to be rendered here, then for the event loop to turn */
  const localTurn = async (): Promise<() => void> => {
    const before = turns;
    let release!: () => void;
    turns = new Promise((resolve) => (release = resolve));
    await before;
    await new Promise((resolve) => setImmediate(resolve));
    return release;
  };
  /** the worker, if this route's page goes to it now: every page of the other routes, the shared route's while it has room */
  const takenBy = (route: string): RenderWorker | undefined =>
    worker && !worker.stopped && (route !== shared || worker.waiting(route) < WORKER_QUEUE) ? worker : undefined;
  const viaWorker = async (thread: RenderWorker, route: string, request: Request, options: Parameters<AstroPrerenderer['render']>[1]) => {
    try {
      return await thread.render(request.url, route, options.collectMetadata === true);
    } catch (error) {
      if (!(error instanceof WorkerStopped)) throw error;
      if (!warned) log(`the render worker stopped (${error.message}); rendering the remaining pages in one thread`);
      warned = true;
      return base.render(request, options);
    }
  };
  return {
    name: 'tiaowen:parallel-render',
    setup: () => base.setup?.() ?? Promise.resolve(),
    async getStaticPaths() {
      const paths = await base.getStaticPaths();
      shared = busiestRoute(paths, minPages);
      const file = entry();
      const options = base.app?.getOptions();
      if (shared === undefined || file === undefined || options === undefined) return paths;
      // page-stage scripts need a map only Astro's thread has (its build internals)
      if (options.settings.scripts.some((script) => script.stage === 'page')) return paths;
      const pages = Object.values(options.allPages).map((page): [string, PageStyles] => [page.key, page.styles]);
      const destination = options.logger.options.destination;
      worker = new RenderWorker({ entry: file, pages, scripts: options.settings.scripts }, (message) => destination.write(message));
      const own = paths.filter((p) => routeKey(p.route) !== shared);
      return [...own.filter((p) => first(p.route.route)), ...own.filter((p) => !first(p.route.route)), ...paths.filter((p) => routeKey(p.route) === shared)];
    },
    async render(request, options) {
      const route = routeKey(options.routeData);
      const now = takenBy(route);
      if (now) return viaWorker(now, route, request, options);
      // Astro's thread renders one page at a time, and lets the worker's finished pages in
      // between: with many renders interleaved, its messages waited and the worker idled.
      const release = await localTurn();
      try {
        const freed = takenBy(route);
        if (freed) return viaWorker(freed, route, request, options);
        return await base.render(request, options);
      } finally {
        release();
      }
    },
    collectStaticImages: base.collectStaticImages,
    async teardown() {
      if (worker) {
        log(`${worker.rendered} page(s) rendered in a second thread`);
        await worker.stop();
      }
      await base.teardown?.();
    },
  };
}

/**
 * The integration: renders the pages of the route with the most pages on two threads.
 * Astro is asked to start up to four pages at once so that both threads have work.
 * `first`: the routes (patterns such as /compare/[topic]) whose pages the worker renders
 * before the other routes' (whose data another route's pass over the collection computes
 * on its way, say).
 */
export function parallelRender({ minPages = workerPagesFromEnv(), first = () => false }: { minPages?: number; first?: (route: string) => boolean } = {}): AstroIntegration {
  let entry: string | undefined;
  return {
    name: 'tiaowen:parallel-render',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command !== 'build') return;
        updateConfig({ build: { concurrency: CONCURRENCY }, vite: { plugins: [prerenderEntryLocator((file) => (entry = file))] } });
      },
      'astro:build:start': ({ setPrerenderer, logger }) => {
        setPrerenderer((base) => splitPrerenderer(base as DefaultPrerenderer, () => entry, minPages, first, (message) => logger.info(message)));
      },
    },
  };
}
