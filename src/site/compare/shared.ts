/**
 * What the comparison pages read from every document — each topic's page, and the diff
 * page's examples — computed in one pass over the collection, by whichever of those pages
 * renders first, and shared by the rest; the same pass builds the links across documents
 * (links.ts) when no page has asked for them yet. Each pass parses every data file (208 MB
 * on the corpus): the two pages' own passes were 11 s of the corpus site's build.
 */
import type { ApiIndex } from '../../lib/types';
import { linksFromPass } from '../links';
import { diffExampleCollector, type DiffExample } from './examples';
import { topicMatcher } from './taxonomy';
import { topicPageCollector, type LoadDocument, type TopicPage } from './topics';

export type CompareData = { topicPages: Map<string, TopicPage>; diffExamples: DiffExample[] };

const computed = new WeakMap<ApiIndex, CompareData>();

/** Computed once per index object (the build's loadIndex() is one object). */
export function compareData(index: ApiIndex, load: LoadDocument): CompareData {
  let data = computed.get(index);
  if (!data) {
    const topics = topicPageCollector(index, (id) => ({ onTopic: topicMatcher(id) }));
    const examples = diffExampleCollector(index);
    // the links across documents (links.ts) too, unless a page built them already: the
    // render worker, which renders these pages, renders them first (astro.config.mjs)
    const links = linksFromPass(index);
    for (const summary of index.documents) {
      const doc = load(summary.id);
      examples.add(summary.id, doc);
      if (topics.wants(summary.id)) topics.add(summary.id, doc);
      links?.add(doc);
    }
    links?.finish();
    data = { topicPages: topics.finish(), diffExamples: examples.finish(load) };
    computed.set(index, data);
  }
  return data;
}
