/**
 * The `regulations` collection's loader: one entry per <content root>/regulations/*.mdx,
 * its id the file name (CJK, case and punctuation kept) and its data the frontmatter,
 * checked against the collection's schema.
 *
 * Unlike Astro's glob loader, it registers no module for the MDX body: the document page
 * parses the body itself when it renders (regulation-mdx.ts), so the build bundles no code
 * per document. A file whose text is unchanged since the last build (its digest) is not
 * read into the store again; under `astro dev` changed files are loaded again as they change.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { regulationFrontmatter, regulationsDir } from './regulation-mdx';
import { dataReady, MDX_PENDING_ENV } from './data-ready';

const EXTENSION = '.mdx';

async function loadFile(context: LoaderContext, dir: string, name: string): Promise<string> {
  const { store, parseData, generateDigest } = context;
  const id = name.slice(0, -EXTENSION.length);
  const filePath = path.join(dir, name);
  const text = fs.readFileSync(filePath, 'utf8');
  const digest = generateDigest(text);
  const relative = path.relative(process.cwd(), filePath);
  if (store.get(id)?.digest === digest) return id;
  const data = await parseData({ id, data: regulationFrontmatter(text, relative), filePath: relative });
  store.set({ id, data, digest, filePath: relative });
  return id;
}

export function regulationsLoader(dir: () => string = regulationsDir): Loader {
  return {
    name: 'tiaowen:regulations',
    async load(context) {
      // a build may start Astro before the ingest has written the MDX (data-ready.ts)
      await dataReady(process.env[MDX_PENDING_ENV]);
      const root = dir();
      const names = fs.existsSync(root) ? fs.readdirSync(root).filter((n) => n.endsWith(EXTENSION)).sort() : [];
      const untouched = new Set(context.store.keys());
      for (const name of names) untouched.delete(await loadFile(context, root, name));
      for (const id of untouched) context.store.delete(id);

      context.watcher?.add(root);
      const changed = async (file: string) => {
        if (path.dirname(file) !== root || !file.endsWith(EXTENSION)) return;
        const id = path.basename(file, EXTENSION);
        if (fs.existsSync(file)) await loadFile(context, root, path.basename(file));
        else context.store.delete(id);
      };
      context.watcher?.on('add', changed);
      context.watcher?.on('change', changed);
      context.watcher?.on('unlink', changed);
    },
  };
}
