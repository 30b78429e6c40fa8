/** The search's pure parts: tokens, ranking by positions, excerpts, and the records built from the seeds' data. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiIndex, Document } from '../../src/lib/types';
import { excerpt, longestRun, pagefindTerm, rankCandidates, type PagefindResult } from '../../src/site/search/engine';
import { documentRecords, facetLabel } from '../../src/site/search/records';
import { bigrams, containsPhrase, encodeToken, highlightRanges, indexContent, indexTokens, queryTokens, runs } from '../../src/site/search/tokens';
import { readJson } from '../site/helpers';

describe('tokens', () => {
  it('cuts Han runs into overlapping bigrams, keeps letters and digits as words, drops punctuation', () => {
    expect(runs('每季度至少召开1次，ＡＢ会议')).toEqual([
      { han: true, text: '每季度至少召开' },
      { han: false, text: '1' },
      { han: true, text: '次' },
      { han: false, text: 'ab' },
      { han: true, text: '会议' },
    ]);
    expect(bigrams('挂牌督办')).toEqual(['挂牌', '牌督', '督办']);
    expect(bigrams('办')).toEqual(['办']);
    expect(indexTokens('挂牌督办，15日内')).toEqual(['挂牌', '牌督', '督办', '15', '日内']);
  });

  it('leaves a lone Han character at the edge of a mixed query out of the terms', () => {
    expect(queryTokens('开1次')).toEqual(['1']);
    expect(queryTokens('召开1次会议')).toEqual(['召开', '1', '次会', '会议']);
    expect(queryTokens('督')).toEqual(['督']);
    expect(queryTokens('，。')).toEqual([]);
  });

  it('writes Han characters as fixed-width base-36 codes, so that one character is a prefix of its bigrams', () => {
    expect(encodeToken('束后')).toHaveLength(8);
    expect(encodeToken('束后').startsWith(encodeToken('束'))).toBe(true);
    expect(encodeToken('abc')).toBe('abc');
    expect(indexContent('束后，2次')).toBe(`${encodeToken('束后')} 2 ${encodeToken('次')}`);
    expect(pagefindTerm('挂牌督办')).toBe(['挂牌', '牌督', '督办'].map(encodeToken).join(' '));
    expect(encodeToken('𠀀')).toHaveLength(4);
  });

  it('checks phrases verbatim, ignoring case and width, not across punctuation', () => {
    expect(containsPhrase('对重大隐患实行挂牌督办。', '挂牌督办')).toBe(true);
    expect(containsPhrase('挂牌，督办', '挂牌督办')).toBe(false);
    expect(containsPhrase('每年至少召开１次', '召开1次')).toBe(true);
    expect(containsPhrase('任何文字', '  ')).toBe(false);
  });

  it('highlights the whole phrase, or else its bigrams', () => {
    expect(highlightRanges('实行挂牌督办制度', '挂牌督办')).toEqual([[2, 6]]);
    expect(highlightRanges('挂牌后督办', '挂牌督办')).toEqual([[0, 2], [3, 5]]);
  });
});

describe('ranking', () => {
  const result = (id: string, words: number[]): PagefindResult => ({ id, score: 1, words, data: async () => ({ url: id, meta: {} }) });

  it('finds the longest run of consecutive positions', () => {
    expect(longestRun([])).toBe(0);
    expect(longestRun([9, 3, 4, 5, 7])).toBe(3);
    expect(longestRun([1, 1, 2])).toBe(2);
  });

  it('puts clauses with all tokens in a row first, keeping Pagefind order otherwise', () => {
    const ranked = rankCandidates([result('scattered', [1, 5, 9]), result('two', [1, 2, 9]), result('phrase', [20, 21, 22]), result('phrase2', [3, 4, 5])], 3);
    expect(ranked.map((c) => c.result.id)).toEqual(['phrase', 'phrase2', 'two', 'scattered']);
    expect(ranked.map((c) => c.phrase)).toEqual([true, true, false, false]);
  });
});

describe('excerpt', () => {
  it('marks the match and cuts around it', () => {
    const text = `${'甲'.repeat(100)}挂牌督办${'乙'.repeat(100)}`;
    const pieces = excerpt(text, '挂牌督办', 40);
    expect(pieces[0]).toEqual({ text: '…', marked: false });
    expect(pieces.at(-1)).toEqual({ text: '…', marked: false });
    expect(pieces.filter((p) => p.marked)).toEqual([{ text: '挂牌督办', marked: true }]);
    expect(pieces.map((p) => p.text).join('').replace(/…/g, '').length).toBe(40);
  });

  it('shows a short text whole', () => {
    expect(excerpt('实行挂牌督办', '督办')).toEqual([
      { text: '实行挂牌', marked: false },
      { text: '督办', marked: true },
    ]);
  });
});

describe('records', () => {
  const dataDir = path.join(process.cwd(), 'content', 'data');
  const index = readJson<ApiIndex>(path.join(dataDir, 'index.json'));
  const byId = new Map(index.jurisdictions.map((j) => [j.id, j]));

  it('gives every clause with text one record, linking to the clause, with every jurisdiction above it as a filter', () => {
    for (const summary of index.documents) {
      const doc = readJson<Document>(path.join(dataDir, 'docs', `${summary.id}.json`));
      const records = documentRecords(doc, index);
      expect(records.length).toBe(doc.clauses.filter((c) => indexContent([c.heading, c.text].filter(Boolean).join(' '))).length);
      for (const r of records) {
        expect(doc.clauses.some((c) => c.url === r.url)).toBe(true);
        expect(r.meta.title).toBe(doc.title);
        expect(r.filters.doc.map(facetLabel)).toEqual([doc.title]);
        const places = r.filters.place.map((v) => v.split('｜')[1]);
        expect(places.at(-1)).toBe(doc.jurisdiction);
        for (let i = 1; i < places.length; i++) expect(byId.get(places[i])?.parent).toBe(places[i - 1]);
      }
    }
  });
});
