// @ts-check
/**
 * The render worker of src/site/parallel-render.ts: loads the prerender bundle Astro's build
 * wrote, gives its build app what Astro's thread gives it (each page's stylesheets and the
 * integrations' scripts, for the pages' <head>; somewhere to log), and renders the pages it is
 * sent with Astro's own `renderForPrerender`, collecting the incremental build's metadata in
 * the same way. Plain JavaScript: a worker thread is loaded by Node itself, not by Vite.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { installRenderScope, renderForPrerender } from 'astro/app';

/** @typedef {import('./parallel-render-protocol.ts').WorkerInit} WorkerInit */
/** @typedef {import('./parallel-render-protocol.ts').ToWorker} ToWorker */
/** @typedef {import('./parallel-render-protocol.ts').FromWorker} FromWorker */

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const init = /** @type {WorkerInit} */ (workerData);

/** @param {FromWorker} message @param {ArrayBuffer[]} [transfer] */
const send = (message, transfer) => port.postMessage(message, transfer ?? []);

installRenderScope(new AsyncLocalStorage());
const { app } = await import(pathToFileURL(init.entry).href);
// The two things Astro's build environment reads while rendering: build internals (only each
// page's stylesheets by key, and the bundle map of page-stage scripts, which this site has
// none of) and build options (the integrations' scripts, the log's destination).
app.setInternals({ pagesByKeys: new Map(init.pages.map(([key, styles]) => [key, { styles }])), entrySpecifierToBundleMap: new Map() });
app.setOptions({
  settings: { scripts: init.scripts },
  logger: { options: { destination: { write: (/** @type {unknown} */ message) => (send({ type: 'log', message }), true) } } },
});
/** the bundle's routes by the key Astro's thread sends (routeKey in parallel-render.ts: pattern, NUL, component) @type {Map<string, import('astro').RouteData>} */
const routes = new Map(app.manifest.routes.map((/** @type {{ routeData: import('astro').RouteData }} */ r) => [`${r.routeData.route}\u0000${r.routeData.component}`, r.routeData]));

port.on('message', async (/** @type {ToWorker} */ message) => {
  try {
    const routeData = routes.get(message.route);
    if (!routeData) throw new Error(`no route ${message.route.replace('\u0000', ' ')} in the prerender bundle`);
    const { response, metadata } = await renderForPrerender(app, new Request(message.url), { routeData, collectMetadata: message.collectMetadata });
    const body = response.body === null ? null : await response.arrayBuffer();
    send(
      { type: 'page', id: message.id, status: response.status, statusText: response.statusText, headers: [...response.headers], body, metadata },
      body ? [body] : [],
    );
  } catch (error) {
    const { message: text, stack } = error instanceof Error ? error : { message: String(error), stack: undefined };
    send({ type: 'error', id: message.id, message: text, stack });
  }
});
