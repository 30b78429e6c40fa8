/** The diff page's address, built on the server and in the document page's script alike. */
import { describe, expect, it } from 'vitest';
import { clauseKeyOfHref, diffHref } from '../../src/site/compare/diff-href';
import { refHref } from '../../src/site/format';

describe('diff page addresses', () => {
  it('put both clause keys in the query, the # between document and clause escaped, Han characters as they are', () => {
    expect(diffHref('甲-20200101#art_1', '乙#art_9__item_2')).toBe('/compare/diff/?a=甲-20200101%23art_1&b=乙%23art_9__item_2');
    // ids with characters that end or change a query value are escaped whole
    expect(diffHref('a&b=c#art_1', 'd e+f#art_2')).toBe('/compare/diff/?a=a%26b%3Dc%23art_1&b=d%20e%2Bf%23art_2');
    const query = new URL(diffHref('a&b=c#art_1', 'd e+f#art_2'), 'https://x.invalid').searchParams;
    expect([query.get('a'), query.get('b')]).toEqual(['a&b=c#art_1', 'd e+f#art_2']);
  });

  it('read the clause key back from a clause’s address, and nothing from any other address', () => {
    for (const key of ['甲-20200101#art_1', '乙#art_9__item_2', 'x#pre_1']) expect(clauseKeyOfHref(refHref(key))).toBe(key);
    for (const href of [refHref('甲-20200101'), '/compare/diff/', 'https://example.org/docs/a/#art_1', '/docs/a/b/#art_1', '/docs/a/#', '']) expect(clauseKeyOfHref(href)).toBeNull();
  });
});
