/**
 * Generalisation check over a corpus the parser was not written for: does each document
 * get as many articles as it has lines starting with 第…条, and as many chapters as
 * lines starting with 第…章?
 */
import type { Document } from '../lib/types.ts';

const ARTICLE_LINE = /^[\s\u3000]*第[零〇一二三四五六七八九十百千两0-9]+条/;
const CHAPTER_LINE = /^[\s\u3000]*第[零〇一二三四五六七八九十百千两]+章/;

export type CorpusCheck = { source: string; articleLines: number; articles: number; chapterLines: number; chapters: number; ok: boolean };

export function checkDocumentCounts(source: string, text: string, documents: Document[]): CorpusCheck {
  const lines = text.split(/\r?\n/);
  const articleLines = lines.filter((l) => ARTICLE_LINE.test(l)).length;
  const chapterLines = lines.filter((l) => CHAPTER_LINE.test(l)).length;
  const clauses = documents.flatMap((d) => d.clauses);
  const articles = clauses.filter((c) => c.type === 'article').length;
  const chapters = clauses.filter((c) => c.type === 'chapter').length;
  return { source, articleLines, articles, chapterLines, chapters, ok: articleLines === articles && chapterLines === chapters };
}
