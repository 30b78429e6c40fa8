/** Messages between Astro's thread and the render worker (src/site/parallel-render.ts). */
import type { PrerenderRenderMetadata } from 'astro';

/** a page's stylesheets, as Astro's build recorded them (its `PageBuildData.styles`) */
export type PageStyles = unknown[];

/** what the worker is started with */
export type WorkerInit = {
  /** the prerender bundle's entry module, as the bundler wrote it */
  entry: string;
  /** each page's key (route and component) with its stylesheets, for the pages' <head> */
  pages: [string, PageStyles][];
  /** the scripts integrations add to every page */
  scripts: { stage: string; content: string }[];
};

export type ToWorker = { type: 'render'; id: number; url: string; route: string; collectMetadata: boolean };

export type FromWorker =
  | { type: 'log'; message: unknown }
  | {
      type: 'page';
      id: number;
      status: number;
      statusText: string;
      headers: [string, string][];
      body: ArrayBuffer | null;
      metadata?: PrerenderRenderMetadata;
    }
  | { type: 'error'; id: number; message: string; stack?: string };
