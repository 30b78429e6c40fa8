/** The citation form of a clause: 《title》 + numbering path + URL (src/site/citation.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Clause, Document } from '../../src/lib/types';
import { chineseNumber, citation, citationPaths } from '../../src/site/citation';

type C = Pick<Clause, 'id' | 'parent' | 'type' | 'num'>;
const c = (id: string, type: string, num: string | null, parent: string | null = null): C => ({ id, type, num, parent });

describe('chineseNumber', () => {
  it('writes ordinals the way clause numbers are written', () => {
    expect([1, 2, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 115, 120, 1000, 1001, 1010].map(chineseNumber)).toEqual([
      '一', '二', '九', '十', '十一', '十九', '二十', '二十一', '九十九', '一百', '一百零一', '一百一十', '一百一十五', '一百二十', '一千', '一千零一', '一千零一十',
    ]);
  });
});

describe('citationPaths', () => {
  it('starts at the article when articles are numbered through the document', () => {
    const paths = citationPaths([
      c('chp_1', 'chapter', '第一章'),
      c('art_1', 'article', '第一条', 'chp_1'),
      c('art_4', 'article', '第四条', 'chp_1'),
      c('art_4__para_1', 'paragraph', null, 'art_4'),
      c('art_4__para_2', 'paragraph', null, 'art_4'),
      c('art_4__para_2__item_6', 'item', '（六）', 'art_4__para_2'),
      c('art_4__para_2__item_6__point_1', 'point', '1.', 'art_4__para_2__item_6'),
      c('art_4__item_6', 'item', '(六)', 'art_4'),
    ]);
    expect(paths.get('chp_1')).toBe('第一章');
    expect(paths.get('art_1')).toBe('第一条');
    expect(paths.get('art_4__para_2')).toBe('第四条第二款');
    expect(paths.get('art_4__para_2__item_6')).toBe('第四条第二款第（六）项');
    expect(paths.get('art_4__para_2__item_6__point_1')).toBe('第四条第二款第（六）项第1目');
    expect(paths.get('art_4__item_6')).toBe('第四条第（六）项');
  });

  it('keeps the numbering above an article when article numbers repeat', () => {
    const paths = citationPaths([
      c('sec_1', 'section', '一、'),
      c('sec_1__art_1', 'article', '第一条', 'sec_1'),
      c('sec_7', 'section', '七、'),
      c('sec_7__art_1', 'article', '第一条', 'sec_7'),
      c('sec_7__art_1__para_2', 'paragraph', null, 'sec_7__art_1'),
    ]);
    expect(paths.get('sec_1__art_1')).toBe('一、第一条');
    expect(paths.get('sec_7__art_1__para_2')).toBe('七、第一条第二款');
  });

  it('writes policy-document numbering as printed, with full-width brackets', () => {
    const paths = citationPaths([
      c('preamble_1', 'preamble', null),
      c('sec_3', 'section', '三、'),
      c('sec_3__item_2', 'item', '(二)', 'sec_3'),
      c('sec_3__item_2__point_1', 'point', '1.', 'sec_3__item_2'),
      c('sec_3__item_2__point_1__subpoint_1', 'subpoint', '（1）', 'sec_3__item_2__point_1'),
      c('sec_3__para_2', 'paragraph', null, 'sec_3'),
      c('para_1', 'paragraph', null),
    ]);
    expect(paths.get('preamble_1')).toBe('引言');
    expect(paths.get('sec_3__item_2__point_1')).toBe('三、（二）1.');
    expect(paths.get('sec_3__item_2__point_1__subpoint_1')).toBe('三、（二）1.（1）');
    expect(paths.get('sec_3__para_2')).toBe('三、第二段');
    expect(paths.get('para_1')).toBe('结语');
    const two = citationPaths([c('sec_1', 'section', '一、'), c('para_1', 'paragraph', null), c('para_2', 'paragraph', null)]);
    expect([two.get('para_1'), two.get('para_2')]).toEqual(['结语第一段', '结语第二段']);
  });

  it('cites a notice that is only a preamble by its title alone', () => {
    expect(citationPaths([c('preamble_1', 'preamble', null)]).get('preamble_1')).toBe('');
    const two = citationPaths([c('preamble_1', 'preamble', null), c('preamble_2', 'preamble', null)]);
    expect(two.get('preamble_2')).toBe('引言第二段');
  });

  it('gives every clause of the bundled documents a path, distinct within its document', () => {
    const dir = path.join('content', 'data', 'docs');
    for (const file of fs.readdirSync(dir)) {
      const doc = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Document;
      const paths = citationPaths(doc.clauses);
      const values = doc.clauses.map((cl) => paths.get(cl.id));
      expect(values.every((v) => typeof v === 'string'), doc.id).toBe(true);
      const nonEmpty = values.filter(Boolean);
      expect(new Set(nonEmpty).size, `${doc.id}: ${nonEmpty.filter((v, i) => nonEmpty.indexOf(v) !== i).join(', ')}`).toBe(nonEmpty.length);
    }
  });
});

describe('citation', () => {
  it('is 《title》path URL', () => {
    expect(citation('鄂托克前旗安全生产委员会工作规则', '第九条', 'https://tiaowen.example/docs/x/#art_9')).toBe(
      '《鄂托克前旗安全生产委员会工作规则》第九条 https://tiaowen.example/docs/x/#art_9',
    );
  });
});
