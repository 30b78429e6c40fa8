import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { regulationsLoader } from './site/regulations-loader';

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

// Entries hold the frontmatter only; the document page parses each body when it renders
// (src/site/regulations-loader.ts says why the glob loader is not used).
const regulations = defineCollection({
  loader: regulationsLoader(),
  schema: regulationSchema,
});

export const collections = { regulations };
