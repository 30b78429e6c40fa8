/**
 * The links across documents as the ingest writes them (data/links.json) and as the site
 * reads them: the same as a pass over every data file gathers, byte for byte the same when
 * written again, and refused when the file is not theirs.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiIndex, Document } from '../../src/lib/types';
import { LINKS_FILE, linksCollector, linksJson, parseLinks } from '../../src/site/links-collect';
import { readJson } from './helpers';

const data = path.join(process.cwd(), 'content', 'data');
const text = fs.readFileSync(path.join(data, LINKS_FILE), 'utf8');

/** The seeds' links gathered from their data files, as the site does without the file. */
function fromDataFiles() {
  const links = linksCollector();
  for (const { id } of readJson<ApiIndex>(path.join(data, 'index.json')).documents) {
    const file = fs.readFileSync(path.join(data, 'docs', `${id}.json`), 'utf8');
    links.add(JSON.parse(file) as Document, createHash('sha256').update(file).digest('hex'));
  }
  return links.finish();
}

describe('links across documents', () => {
  it('are, read from the ingest’s file, what a pass over every data file gathers, each data file’s digest included', () => {
    const read = parseLinks(text);
    expect(read).toEqual(fromDataFiles());
    expect(read.digests.size).toBe(readJson<ApiIndex>(path.join(data, 'index.json')).documents.length);
    // the seeds cite one another: the file is not empty
    expect(read.citedBy.size).toBeGreaterThan(0);
    expect([...read.instruments.values()].some((g) => g.docs > 1)).toBe(true);
    expect(linksJson(read)).toBe(text);
  });

  it('count each citing document of an instrument once, however often it cites it', () => {
    const doc = (id: string, refs: string[]): Document =>
      ({ id, issuedBy: null, replacedBy: null, clauses: [{ id: 'art_1', parent: null, type: 'article', num: '第一条', heading: null, text: '', url: `/docs/${id}/#art_1`, refs: refs.map((t) => ({ text: t, target: null })), topics: [], related: [] }] }) as unknown as Document;
    const links = linksCollector();
    links.add(doc('a', ['《安全生产法》', '《中华人民共和国安全生产法》第二条']));
    links.add(doc('b', ['《安全生产法》']));
    links.add(doc('c', ['《消防法》']));
    const groups = [...parseLinks(linksJson(links.finish())).instruments.values()].map((g) => [[...g.labels.keys()], g.count, g.docs]);
    expect(groups).toEqual([
      [['《安全生产法》', '《中华人民共和国安全生产法》'], 3, 2],
      [['《消防法》'], 1, 1],
    ]);
  });

  it('refuses a file that is not theirs, saying what is missing', () => {
    expect(() => parseLinks('{}')).toThrow(/no list "citePaths"/);
    expect(() => parseLinks('not json')).toThrow(SyntaxError);
  });
});
