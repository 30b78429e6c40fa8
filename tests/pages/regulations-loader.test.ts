/**
 * The regulations collection's loader (src/site/regulations-loader.ts): one entry per MDX
 * file, its frontmatter as data; unchanged files are not parsed again, removed ones leave.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { regulationsLoader } from '../../src/site/regulations-loader';
import { MDX_PENDING_ENV } from '../../src/site/data-ready';

type Entry = { id: string; data: Record<string, unknown>; digest?: string; filePath?: string };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-loader-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A loader context with a store kept across loads, counting the entries it parses. */
function context() {
  const entries = new Map<string, Entry>();
  const parsed: string[] = [];
  const store = {
    get: (id: string) => entries.get(id),
    set: (entry: Entry) => (entries.set(entry.id, entry), true),
    delete: (id: string) => void entries.delete(id),
    keys: () => [...entries.keys()],
  };
  return {
    entries,
    parsed,
    ctx: {
      store,
      parseData: async ({ id, data }: { id: string; data: Record<string, unknown> }) => (parsed.push(id), data),
      generateDigest: (text: string) => createHash('sha1').update(text).digest('hex'),
    } as never,
  };
}

const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);

describe('regulationsLoader', () => {
  it('reads nothing while the build says the ingest has not written the MDX yet, and everything once it has', async () => {
    const own = fs.mkdtempSync(path.join(dir, 'pending-'));
    fs.writeFileSync(path.join(own, '丙.mdx'), '---\nid: 丙\ntitle: 丙\n---\n');
    const pending = path.join(own, 'ingest.mdx.pending');
    fs.writeFileSync(pending, '');
    const { entries, ctx } = context();
    process.env[MDX_PENDING_ENV] = pending;
    try {
      const loaded = regulationsLoader(() => own).load(ctx);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(entries.size).toBe(0);
      fs.rmSync(pending);
      await loaded;
      expect([...entries.keys()]).toEqual(['丙']);
    } finally {
      delete process.env[MDX_PENDING_ENV];
    }
  });

  it('loads each .mdx file by its name, parses only changed files again, and drops removed ones', async () => {
    write('甲-20240105.mdx', '---\nid: 甲-20240105\ntitle: 甲\n---\n\n<Clause id="art_1" type="article" num="第一条">\n  正文\n</Clause>\n');
    write('乙.mdx', '---\nid: 乙\ntitle: 乙\n---\n');
    write('说明.txt', 'not a regulation');
    const { entries, parsed, ctx } = context();
    const loader = regulationsLoader(() => dir);

    await loader.load(ctx);
    expect([...entries.keys()].sort()).toEqual(['乙', '甲-20240105']);
    expect(entries.get('甲-20240105')!.data).toEqual({ id: '甲-20240105', title: '甲' });
    expect(parsed.sort()).toEqual(['乙', '甲-20240105']);

    parsed.length = 0;
    write('乙.mdx', '---\nid: 乙\ntitle: 乙（修订）\n---\n');
    fs.rmSync(path.join(dir, '甲-20240105.mdx'));
    await loader.load(ctx);
    expect(parsed).toEqual(['乙']);
    expect([...entries.keys()]).toEqual(['乙']);
    expect(entries.get('乙')!.data.title).toBe('乙（修订）');
  });

  it('names the file whose frontmatter cannot be read', async () => {
    write('丙.mdx', '---\ntitle: [丙\n---\n');
    const { ctx } = context();
    await expect(regulationsLoader(() => dir).load(ctx)).rejects.toThrow(/丙\.mdx: frontmatter is not valid YAML/);
    fs.rmSync(path.join(dir, '丙.mdx'));
  });
});
