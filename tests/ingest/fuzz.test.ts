/**
 * A few hundred random mutations of the seeds (random bytes, cut files, shuffled lines,
 * inserted braces and tags): the ingest never crashes, each input gives documents or a
 * named error, and a document it does produce never silently drops text.
 * FUZZ_SEED and FUZZ_N replay or widen the run.
 */
import { expect, test } from 'vitest';
import { decodeText } from '../../src/ingest/decode.ts';
import { ingestCollection } from '../../src/ingest/ingest.ts';
import { documentToMdx } from '../../src/ingest/mdx.ts';
import { bundledSources, missingHan } from './helpers.ts';

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ['{', '}', '{process.exit(1)}', '<', '<script>', '</Clause>', '<img onerror=alert(1)>', 'import x from "y"', 'export const a = 1', '{{', '第一条 ', '（一）', '一、', '\u0000', '\r', '\uFEFF', '---', '```', '<!--', '*', '\\'];

type Mutation = (bytes: Uint8Array, rnd: () => number) => Uint8Array;
const pick = <T,>(xs: T[], rnd: () => number) => xs[Math.floor(rnd() * xs.length)]!;
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

const mutations: Record<string, Mutation> = {
  randomBytes: (b, rnd) => { const out = Uint8Array.from(b); for (let k = 0; k < 1 + rnd() * 20; k++) out[Math.floor(rnd() * out.length)] = Math.floor(rnd() * 256); return out; },
  cut: (b, rnd) => b.slice(0, Math.floor(rnd() * b.length)),
  shuffleLines: (b, rnd) => { const lines = dec(b).split('\n'); for (let i = lines.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [lines[i], lines[j]] = [lines[j]!, lines[i]!]; } return enc(lines.join('\n')); },
  insertSnippets: (b, rnd) => { let s = dec(b); for (let k = 0; k < 1 + rnd() * 30; k++) { const at = Math.floor(rnd() * s.length); s = s.slice(0, at) + pick(SNIPPETS, rnd) + s.slice(at); } return enc(s); },
  dropLines: (b, rnd) => enc(dec(b).split('\n').filter(() => rnd() > 0.3).join('\n')),
  duplicateLines: (b, rnd) => enc(dec(b).split('\n').flatMap((l) => (rnd() < 0.2 ? [l, l] : [l])).join('\n')),
};

test('300 mutations of the seeds: no crash, documents or a named error, no text silently dropped', async () => {
  const seeds = bundledSources();
  const rnd = random(Number(process.env.FUZZ_SEED ?? 20241125));
  const names = Object.keys(mutations);
  const outcomes = { documents: 0, errors: 0 };
  for (let i = 0; i < Number(process.env.FUZZ_N ?? 300); i++) {
    const seed = seeds[i % seeds.length]!;
    const name = names[Math.floor(rnd() * names.length)]!;
    const bytes = mutations[name]!(seed.bytes, rnd);
    const source = `mutant-${i}-${name}.txt`;
    const c = await ingestCollection([{ source, bytes }]);
    if (c.documents.length === 0) {
      expect(c.report.problems.some((p) => p.source === source && p.severity === 'error'), `${source} gave nothing and no error`).toBe(true);
      outcomes.errors++;
      continue;
    }
    outcomes.documents++;
    const removed = new Set(c.report.sources[0]!.removedLines.map((r) => r.line));
    const body = decodeText(bytes).text.split('\n').filter((l) => !removed.has(l.trim())).join('\n');
    expect(missingHan(body, c.documents.map(documentToMdx).join('\n')), source).toEqual({});
  }
  // Both outcomes occur: the mutations are not all harmless, nor all fatal.
  expect(outcomes.documents).toBeGreaterThan(100);
  expect(outcomes.errors).toBeGreaterThan(0);
});
