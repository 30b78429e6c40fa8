/**
 * A document page's cache key (src/site/document-page.ts: documentPageKey) is a hash of the
 * data the page is made from, not of the page. It must change whenever anything the page
 * shows changes (or a rebuild would copy a stale page), and stay the same for pages the
 * change does not reach (or a rebuild would render every page again).
 *
 * Checked on the bundled documents ingested twice: as they are, and with one source
 * changed the way an editor would change it. For every document, an unchanged key must
 * mean an unchanged page (everything documentPage shows, the document's own data and its MDX).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const NOTICE = '鄂托克前旗安全生产委员会工作规则和办公室工作细则-鄂前安发〔2024〕4号.txt';
const FLAGS = { topicPages: true, diffPage: true };

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-page-key-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The bundled sources, changed by `edit`, ingested into a content root of their own. */
function ingested(name: string, edit: (sources: string) => void): { content: string; sources: string } {
  const sources = path.join(work, name, 'sources');
  const content = path.join(work, name, 'content');
  fs.cpSync('content/sources', sources, { recursive: true });
  edit(sources);
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts', '--sources', sources, '--out', content, '--no-cache'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ingest failed:\n${run.stdout}\n${run.stderr}`);
  return { content, sources };
}

/** `linked`: the other documents its page links to (issued, replaced, similar provisions, citing it) */
type Page = { key: string; shown: string; neighbours: string[]; linked: string[]; issuedBy: string | null; source: string };

/** Every document's page key and what its page shows, read from a content root by fresh modules (they keep their data per build). */
async function pages(root: { content: string; sources: string }): Promise<Map<string, Page>> {
  vi.stubEnv('TIAOWEN_CONTENT', root.content);
  vi.stubEnv('TIAOWEN_SOURCES', root.sources);
  vi.resetModules();
  try {
    const { documentPage, documentPageKey } = await import('../../src/site/document-page');
    const { loadDocument, loadIndex, readDataFile } = await import('../../src/site/data');
    const { citedBy, pageNeighbours, RELATED_SHOWN } = await import('../../src/site/links');
    const { regulationFile } = await import('../../src/site/regulation-mdx');
    const out = new Map<string, Page>();
    for (const { id } of loadIndex().documents) {
      const doc = loadDocument(id);
      const page = documentPage(doc, FLAGS);
      // the MDX file's digest stands for the one the collection's loader gives the page
      const mdx = fs.readFileSync(regulationFile(id, root.content), 'utf8');
      const linked = [
        doc.issuedBy,
        doc.replacedBy,
        ...doc.issues,
        ...doc.replaces,
        ...doc.clauses.flatMap((c) => [...c.related.slice(0, RELATED_SHOWN), ...citedBy(`${id}#${c.id}`).map((x) => x.from)]),
        ...citedBy(id).map((x) => x.from),
      ]
        .filter((ref): ref is string => Boolean(ref))
        .map((ref) => ref.split('#')[0]!)
        .filter((other) => other !== id);
      out.set(id, {
        key: documentPageKey(id, FLAGS, createHash('sha256').update(mdx).digest('hex')),
        shown: JSON.stringify([readDataFile(`docs/${id}.json`), mdx, page], (_, v) => (v instanceof Map ? [...v] : v)),
        neighbours: pageNeighbours(id),
        linked,
        issuedBy: doc.issuedBy,
        source: doc.source,
      });
    }
    return out;
  } finally {
    vi.unstubAllEnvs();
  }
}

describe('a document page\'s cache key', () => {
  const before = ingested('before', () => {});
  // the notice's title changes: the rules it issued show that title, though their own data stay the same
  const after = ingested('after', (sources) => {
    const notice = path.join(sources, NOTICE);
    fs.writeFileSync(notice, fs.readFileSync(notice, 'utf8').replace('工作细则》的通知**', '工作细则》的补充通知**'));
  });

  it('changes for every page the change shows on, and only there', async () => {
    const a = await pages(before);
    const b = await pages(after);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    const changed = [...a.keys()].filter((id) => a.get(id)!.key !== b.get(id)!.key);
    // the changed source holds the notice and the rules it issued
    const notice = [...a.keys()].filter((id) => path.basename(a.get(id)!.source) === NOTICE && [...a.values()].some((p) => p.issuedBy === id));
    expect(notice).toHaveLength(1);
    const issued = [...a.keys()].filter((id) => a.get(id)!.issuedBy === notice[0]);
    expect(issued.length).toBeGreaterThan(0);

    // an unchanged key: the page shows the same
    for (const id of a.keys()) if (a.get(id)!.key === b.get(id)!.key) expect(b.get(id)!.shown, id).toBe(a.get(id)!.shown);
    // the notice's own page and those of the rules it issued (which show its title) are rendered again…
    for (const id of [notice[0], ...issued]) expect(changed, id).toContain(id);
    // …and no page that shows nothing of the notice
    for (const id of changed) expect(id === notice[0] || a.get(id)!.neighbours.includes(notice[0]), id).toBe(true);
    expect(changed.length).toBeLessThan(a.size);
  });

  it('names as neighbours the documents a page shows something of', async () => {
    const a = await pages(before);
    for (const [id, page] of a) for (const other of page.linked) expect(page.neighbours, `${id} shows ${other}`).toContain(other);
    expect([...a.values()].some((p) => p.neighbours.length > 0)).toBe(true);
  });
});
