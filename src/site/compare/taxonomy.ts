/**
 * The topic patterns of the taxonomy (content/topics.yaml, the file the ingest assigns
 * topics with), for deciding at build time which of a clause's obligations are on a topic.
 * Without the file every obligation of a topic's clauses is listed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseTaxonomy, type TopicRule } from '../../ingest/topics';

let rules: Map<string, TopicRule> | undefined;

function load(): Map<string, TopicRule> {
  if (!rules) {
    const file = path.resolve(process.cwd(), 'content', 'topics.yaml');
    rules = new Map(fs.existsSync(file) ? parseTaxonomy(fs.readFileSync(file, 'utf8')).map((r) => [r.id, r]) : []);
  }
  return rules;
}

/** A test of words against a topic's patterns, or undefined when the taxonomy does not have the topic. */
export function topicMatcher(topicId: string): ((words: string) => boolean) | undefined {
  const rule = load().get(topicId);
  if (!rule) return undefined;
  return (words) => rule.match.some((re) => re.test(words)) && !rule.exclude.some((re) => re.test(words));
}
