import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { contentRoot } from './site/content-root';

/** A YAML value that may have been written unquoted (a date, a number) but is meant as text. */
const text = z.union([z.string(), z.number(), z.date()]).transform((v) =>
  v instanceof Date ? v.toISOString().slice(0, 10) : String(v),
);

/**
 * Frontmatter of `<content root>/regulations/<docId>.mdx`, written by the ingest.
 * Required: id, title, jurisdiction, status. Everything else is optional (the document
 * page reads the full record from data/docs/<docId>.json); unknown keys are kept.
 */
export const regulationSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string().min(1),
  jurisdiction: text,
  status: z.string().min(1),
  docNumber: text.nullish(),
  issuer: z.string().nullish(),
  issued: text.nullish(),
  source: z.string().nullish(),
  url: z.string().nullish(),
  issuedBy: z.string().nullish(),
  issues: z.array(z.string()).nullish(),
});

const regulations = defineCollection({
  loader: glob({
    pattern: '**/*.mdx',
    base: pathToFileURL(path.join(contentRoot(), 'regulations') + path.sep),
    // The entry id is the file name as written (CJK, case and punctuation kept), not a slug.
    generateId: ({ entry }) => entry.replace(/\.mdx$/, ''),
    // Pages render the compiled MDX module, never the raw text; without it the content
    // store is 3 MB instead of 86 MB on the corpus, and so is its copy in the build's memory.
    retainBody: false,
  }),
  schema: regulationSchema,
});

export const collections = { regulations };
