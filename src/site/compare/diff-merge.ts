/**
 * Differences between two provisions, readable for Chinese text.
 *
 * A character diff of two Chinese sentences marks every coincidence: a shared 的, 会 or 、
 * in the middle of two rewritten phrases becomes an "unchanged" island, and the reader sees
 * a dozen marks where there is one change. So: diff by characters (the `diff` package),
 * then fold each short unchanged run that lies between two changes into one changed region
 * (both sides keep it, on their side of the change), and repeat until nothing more folds.
 * Runs of unchanged text at the start and end are kept as they are, however short.
 *
 * Pure and shared by the build (tests) and the browser (the diff page).
 */
import { diffChars } from 'diff';

/** An unchanged run (a === b), or a changed region: a is what the first text has there, b what the second has (either may be empty). */
export type DiffPart = { kind: 'equal'; text: string } | { kind: 'change'; a: string; b: string };

export type DiffOptions = {
  /** unchanged runs shorter than this between two changes are folded into them (default 3) */
  minEqual?: number;
  /**
   * a longer unchanged run is still folded when the changes on both sides of it rewrite (on
   * both texts) at least this many times as many characters (default 3): a shared 安全生产
   * between two rewritten phrases is noise, a shared 原则上每 next to an insertion is not
   */
  ratio?: number;
};

/** The raw character diff as parts, adjacent changes joined (a deletion next to an insertion is one change). */
export function charDiff(a: string, b: string): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const change of diffChars(a, b)) {
    const last = parts[parts.length - 1];
    if (change.added || change.removed) {
      const side = change.added ? { a: '', b: change.value } : { a: change.value, b: '' };
      if (last?.kind === 'change') {
        last.a += side.a;
        last.b += side.b;
      } else parts.push({ kind: 'change', ...side });
    } else if (change.value) {
      if (last?.kind === 'equal') last.text += change.value;
      else parts.push({ kind: 'equal', text: change.value });
    }
  }
  return parts;
}

/** How rewritten a change is: the shorter of its two sides (a pure insertion or deletion is 0). */
const rewritten = (p: DiffPart | undefined) => (p?.kind === 'change' ? Math.min([...p.a].length, [...p.b].length) : 0);

/** Fold short unchanged runs between changes into them (see the module comment). */
export function mergeParts(input: DiffPart[], options: DiffOptions = {}): DiffPart[] {
  const minEqual = options.minEqual ?? 3;
  const ratio = options.ratio ?? 3;
  let parts = input.map((p) => ({ ...p }));
  for (let changed = true; changed; ) {
    changed = false;
    const out: DiffPart[] = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const prev = out[out.length - 1];
      const next = parts[i + 1];
      if (part.kind === 'equal' && prev?.kind === 'change' && next?.kind === 'change') {
        const n = [...part.text].length;
        if (n < minEqual || n * ratio <= Math.min(rewritten(prev), rewritten(next))) {
          prev.a += part.text + next.a;
          prev.b += part.text + next.b;
          i += 1;
          changed = true;
          continue;
        }
      }
      if (part.kind === 'change' && prev?.kind === 'change') {
        prev.a += part.a;
        prev.b += part.b;
        continue;
      }
      out.push(part);
    }
    parts = out;
  }
  return parts;
}

/** The readable diff of two texts: a character diff with short unchanged runs folded into the changes around them. */
export function readableDiff(a: string, b: string, options?: DiffOptions): DiffPart[] {
  return mergeParts(charDiff(a, b), options);
}

/** How many <del> and <ins> marks the parts render as (a change with text on both sides is two). */
export function markCount(parts: DiffPart[]): number {
  return parts.reduce((n, p) => n + (p.kind === 'change' ? Number(p.a.length > 0) + Number(p.b.length > 0) : 0), 0);
}

/** The share of characters (0–1) the two texts have in common in unchanged runs, over the longer text. */
export function sameShare(parts: DiffPart[]): number {
  let same = 0;
  let a = 0;
  let b = 0;
  for (const p of parts) {
    if (p.kind === 'equal') {
      same += p.text.length;
      a += p.text.length;
      b += p.text.length;
    } else {
      a += p.a.length;
      b += p.b.length;
    }
  }
  const longer = Math.max(a, b);
  return longer === 0 ? 1 : same / longer;
}

/** The first text back from the parts (for checks). */
export const sideA = (parts: DiffPart[]) => parts.map((p) => (p.kind === 'equal' ? p.text : p.a)).join('');
/** The second text back from the parts (for checks). */
export const sideB = (parts: DiffPart[]) => parts.map((p) => (p.kind === 'equal' ? p.text : p.b)).join('');
