/**
 * Topics: the curated taxonomy in content/topics.yaml (duties and institutions of
 * work-safety governance) and its automatic assignment to clauses by the editors'
 * matching patterns.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'astro/zod';
import type { Document, Topic } from '../lib/types.ts';

const topicSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and -'),
  name: z.string().min(1),
  description: z.string().min(1),
  match: z.array(z.string().min(1)).min(1),
  exclude: z.array(z.string().min(1)).optional(),
});
const taxonomySchema = z.strictObject({ topics: z.array(topicSchema).min(1) });

export type TopicRule = { id: string; name: string; description: string; match: RegExp[]; exclude: RegExp[] };

/** Parses the taxonomy; throws an Error naming the bad topic and field. */
export function parseTaxonomy(yamlText: string): TopicRule[] {
  const result = taxonomySchema.safeParse(parseYaml(yamlText));
  if (!result.success) {
    throw new Error(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const ids = new Set<string>();
  return result.data.topics.map((t, k) => {
    if (ids.has(t.id)) throw new Error(`topics.${k}.id: "${t.id}" is used twice`);
    ids.add(t.id);
    const compile = (p: string, field: string) => {
      try {
        return new RegExp(p, 'u');
      } catch (e) {
        throw new Error(`topics.${k}.${field}: "${p}" is not a valid pattern (${(e as Error).message})`);
      }
    };
    return { id: t.id, name: t.name, description: t.description, match: t.match.map((p) => compile(p, 'match')), exclude: (t.exclude ?? []).map((p) => compile(p, 'exclude')) };
  });
}

function matches(rule: TopicRule, text: string): boolean {
  return rule.match.some((re) => re.test(text)) && !rule.exclude.some((re) => re.test(text));
}

/**
 * Whether any rule's match patterns can match a text, in one pass of one pattern: most
 * clauses match none, and testing every rule's patterns on each was 2 s of the corpus's
 * ingest. (Patterns that refer to their own groups by number or name would not survive
 * being joined; with any of those, every text is tested rule by rule.)
 */
function anyPattern(rules: TopicRule[]): (text: string) => boolean {
  const sources = rules.flatMap((r) => r.match.map((re) => re.source));
  if (sources.some((p) => /\\[1-9]|\\k</.test(p))) return () => true;
  const any = new RegExp(sources.map((p) => `(?:${p})`).join('|'), 'u');
  return (text) => any.test(text);
}

/**
 * Sets every clause's `topics` (taxonomy order) and returns the topics with their clauses.
 * A clause whose heading matches passes the topic to the clauses under it (第六条 会议制度 → its items).
 */
export function assignTopics(documents: Document[], rules: TopicRule[]): Topic[] {
  const members = new Map(rules.map((r) => [r.id, [] as string[]]));
  const mayMatch = anyPattern(rules);
  for (const doc of documents) {
    const inherited = new Map<string, Set<string>>();
    for (const clause of doc.clauses) {
      const fromParent = clause.parent ? (inherited.get(clause.parent) ?? new Set<string>()) : new Set<string>();
      const own = `${clause.heading ?? ''} ${clause.text}`;
      const some = mayMatch(own);
      const topics = rules.filter((r) => fromParent.has(r.id) || (some && matches(r, own))).map((r) => r.id);
      clause.topics = topics;
      const passDown = new Set(fromParent);
      if (clause.heading && mayMatch(clause.heading)) for (const r of rules) if (matches(r, clause.heading)) passDown.add(r.id);
      inherited.set(clause.id, passDown);
      for (const t of topics) members.get(t)!.push(`${doc.id}#${clause.id}`);
    }
  }
  return rules.map((r) => ({ id: r.id, name: r.name, description: r.description, clauses: members.get(r.id)! }));
}
