import { afterEach, describe, expect, it } from 'vitest';
import { busiestRoute, MIN_WORKER_PAGES, parallelRender, routeKey } from '../../src/site/parallel-render';

type Path = Parameters<typeof busiestRoute>[0][number];
const route = (pattern: string, component: string) => ({ route: pattern, component }) as Path['route'];
const docs = route('/docs/[id]', 'src/pages/docs/[id].astro');
const places = route('/j/[code]', 'src/pages/j/[code].astro');
const home = route('/', 'src/pages/index.astro');
const paths = (r: Path['route'], n: number): Path[] => Array.from({ length: n }, () => ({ route: r }) as Path);

describe('the route whose pages are shared between the threads', () => {
  it('is the route with the most pages', () => {
    expect(busiestRoute([...paths(home, 1), ...paths(places, 40), ...paths(docs, 300)], 200)).toBe(routeKey(docs));
    expect(busiestRoute([...paths(docs, 30), ...paths(places, 250)], 200)).toBe(routeKey(places));
  });

  it('is none when no route has enough pages for a second thread to pay', () => {
    expect(busiestRoute([...paths(home, 1), ...paths(docs, 9)], MIN_WORKER_PAGES)).toBeUndefined();
    expect(busiestRoute([], 1)).toBeUndefined();
    expect(busiestRoute(paths(docs, 199), 200)).toBeUndefined();
    expect(busiestRoute(paths(docs, 200), 200)).toBe(routeKey(docs));
  });

  it('is told apart by pattern and component both', () => {
    const other = route('/docs/[id]', 'src/pages/other.astro');
    expect(routeKey(docs)).not.toBe(routeKey(other));
    expect(busiestRoute([...paths(docs, 3), ...paths(other, 4)], 1)).toBe(routeKey(other));
  });
});

describe('TIAOWEN_RENDER_WORKER_PAGES', () => {
  const before = process.env.TIAOWEN_RENDER_WORKER_PAGES;
  afterEach(() => {
    if (before === undefined) delete process.env.TIAOWEN_RENDER_WORKER_PAGES;
    else process.env.TIAOWEN_RENDER_WORKER_PAGES = before;
  });

  it('takes a number of pages or Infinity, and refuses anything else by name', () => {
    for (const value of ['1', '500', 'Infinity']) {
      process.env.TIAOWEN_RENDER_WORKER_PAGES = value;
      expect(() => parallelRender()).not.toThrow();
    }
    for (const value of ['0', '-3', 'many']) {
      process.env.TIAOWEN_RENDER_WORKER_PAGES = value;
      expect(() => parallelRender()).toThrow(`TIAOWEN_RENDER_WORKER_PAGES=${value}`);
    }
  });
});
