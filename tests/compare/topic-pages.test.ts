/**
 * Every topic page computed in one pass over the documents (topicPages, what the site
 * renders) is the same as each topic's page computed on its own (topicPage), on the data of
 * the bundled documents; and the one pass reads each document once.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiIndex, Document } from '../../src/lib/types';
import { topicMatcher } from '../../src/site/compare/taxonomy';
import { topicPage, topicPages } from '../../src/site/compare/topics';
import { readJson } from '../site/helpers';

const dataDir = path.join(process.cwd(), 'content', 'data');
const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
const loads: string[] = [];
const load = (id: string) => {
  loads.push(id);
  return readJson<Document>(path.join(dataDir, 'docs', `${id}.json`));
};

describe('topicPages', () => {
  it('gives every topic the page topicPage gives it, reading each document once', () => {
    const options = (id: string) => ({ onTopic: topicMatcher(id) });
    loads.length = 0;
    const all = topicPages(index, load, options);
    expect(new Set(loads).size).toBe(loads.length);
    expect([...all.keys()]).toEqual(index.topics.map((t) => t.id));
    const withProvisions = index.topics.filter((t) => all.get(t.id)!.columns.length > 0);
    expect(withProvisions.length).toBeGreaterThan(10);
    for (const topic of index.topics) {
      expect(all.get(topic.id), topic.id).toEqual(topicPage(index, topic.id, load, options(topic.id)));
    }
  });
});
