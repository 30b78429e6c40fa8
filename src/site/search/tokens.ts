/**
 * How clause text becomes search tokens, shared by the index builder (Node) and the search
 * page (browser), so that both sides cut text the same way.
 *
 * Pagefind splits text into words at whitespace. Chinese has none, and Pagefind's own
 * segmentation of Chinese matches dictionary words, so a phrase that crosses words, or half
 * of a word (挂牌 in 挂牌督办 vs. 号牌), ranks badly. Instead each run of Han characters is
 * written as its overlapping bigrams (挂牌督办 → 挂牌 牌督 督办): a query's bigrams at
 * consecutive positions are exactly the clauses holding the query as a substring, which
 * Pagefind finds with its exact-phrase search ("…"). Runs of ASCII letters and digits are
 * words of their own; everything else (punctuation, spaces) separates runs.
 *
 * Every other letter or digit (Greek, kana, Latin with diacritics…) is treated like Han:
 * Pagefind folds diacritics, decomposes Hangul and cuts some words into parts, in ways the
 * index writer (pagefind-writer.ts) does not copy; written as codes, every word of the
 * index is plain ASCII, which Pagefind keeps as it is.
 */

/** Characters of a word of their own: ASCII letters and digits (after normalize). */
const ASCII = /[0-9a-z]/;
const WORD = /[\p{L}\p{N}]/u;
/** A token written as codes: one holding anything but ASCII letters and digits. */
const CODED_TOKEN = /[^0-9a-z]/;

/** NFKC (full-width digits and letters to ASCII), lower case. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** `coded`: a run of Han (or other non-ASCII letters and digits), cut into bigrams and written as codes. */
export type Run = { coded: boolean; text: string };

/** Runs of Han (and other non-ASCII) characters and runs of ASCII letters/digits, in order; separators dropped. */
export function runs(text: string): Run[] {
  const out: Run[] = [];
  let current: Run | null = null;
  for (const ch of normalize(text)) {
    const coded = !ASCII.test(ch);
    if (coded && !WORD.test(ch)) {
      current = null;
      continue;
    }
    if (current && current.coded === coded) current.text += ch;
    else {
      current = { coded, text: ch };
      out.push(current);
    }
  }
  return out;
}

/** Overlapping bigrams of a coded run; a single character stays itself. */
export function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** The tokens of a text for the index: bigrams of coded runs, ASCII runs as words. */
export function indexTokens(text: string): string[] {
  return runs(text).flatMap((r) => (r.coded ? bigrams(r.text) : [r.text]));
}

/**
 * A token as Pagefind stores it. Pagefind cuts Han text into dictionary words even in a
 * record whose language has no segmentation (束后 becomes 束 and 后), which loses tokens
 * and shifts positions; so Han (and other coded) characters are written as 4 base-36 digits
 * each (束后 → "1ek71fx2"; 36⁴ is more than every code point). Fixed width keeps prefix
 * search meaningful: one character's code is the prefix of every bigram that starts with
 * it. ASCII words stay as they are.
 */
export function encodeToken(token: string): string {
  if (!CODED_TOKEN.test(token)) return token;
  let out = '';
  for (const ch of token) out += characterCode(ch.codePointAt(0)!);
  return out;
}

/** Each character's code, once: the index's records hold some 18 million tokens on the corpus, most of them Han bigrams. */
const CODES = new Map<number, string>();

function characterCode(codePoint: number): string {
  let code = CODES.get(codePoint);
  if (code === undefined) {
    code = codePoint.toString(36).padStart(4, '0');
    CODES.set(codePoint, code);
  }
  return code;
}

/**
 * The corpus's most common Han bigrams, which a query leaves out where it can (engine.ts:
 * coverOffsets): written by the index builder beside Pagefind's files, read by the page.
 */
export const COMMON_BIGRAMS_FILE = 'common-bigrams.json';

/** The token an encoded token stands for (the inverse of encodeToken). */
export function decodeToken(encoded: string): string {
  if (!/^(?:[0-9a-z]{4})+$/.test(encoded)) return encoded;
  let out = '';
  for (let i = 0; i < encoded.length; i += 4) {
    const code = parseInt(encoded.slice(i, i + 4), 36);
    // a word of letters or digits that happens to be four or eight long stays itself
    if (code > 0x10ffff) return encoded;
    const ch = String.fromCodePoint(code);
    if (!CODED_TOKEN.test(ch) || !WORD.test(ch)) return encoded;
    out += ch;
  }
  return out;
}

/** Each code point's code when it is a letter or digit outside ASCII (the coded characters), else null; found once per code point. */
const CODED = new Map<number, string | null>();

function codedCharacter(codePoint: number): string | null {
  let code = CODED.get(codePoint);
  if (code === undefined) {
    code = WORD.test(String.fromCodePoint(codePoint)) ? characterCode(codePoint) : null;
    CODED.set(codePoint, code);
  }
  return code;
}

/**
 * indexTokens(text).map(encodeToken) in one pass over the characters, with no runs, bigrams
 * or per-token tests in between: the index builder's own way (18 million tokens on the
 * corpus). The tests hold the two to the same tokens.
 */
export function encodedTokens(text: string): string[] {
  const out: string[] = [];
  const t = normalize(text);
  let ascii = '';
  // the current coded run: its last character's code and its length
  let previous = '';
  let run = 0;
  for (let i = 0; i < t.length; i++) {
    let cp = t.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < t.length) {
      const low = t.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if ((cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122)) {
      // a coded run of one character is a token of its own
      if (run === 1) out.push(previous);
      run = 0;
      ascii += String.fromCharCode(cp);
      continue;
    }
    if (ascii) {
      out.push(ascii);
      ascii = '';
    }
    const code = codedCharacter(cp);
    if (code === null) {
      if (run === 1) out.push(previous);
      run = 0;
      continue;
    }
    if (run > 0) out.push(previous + code);
    previous = code;
    run++;
  }
  if (ascii) out.push(ascii);
  else if (run === 1) out.push(previous);
  return out;
}

/** The content string Pagefind indexes for a text. */
export function indexContent(text: string): string {
  return encodedTokens(text).join(' ');
}

/**
 * The tokens of a query. The same as indexTokens, except that a single Han character next
 * to a letter/digit run (开 in 开1次) is left out: in the text it may be the end of a longer
 * run (召开), whose bigrams do not start with it. Such a query is still checked against the
 * clause text character for character (see containsPhrase).
 */
export function queryTokens(query: string): string[] {
  const rs = runs(query);
  if (rs.length === 1) return rs[0].coded ? bigrams(rs[0].text) : [rs[0].text];
  return rs.flatMap((r, i) => {
    if (r.coded && [...r.text].length === 1 && (i === 0 || i === rs.length - 1)) return [];
    return r.coded ? bigrams(r.text) : [r.text];
  });
}

/** A query as it is compared with clause text: normalized, whitespace collapsed. */
export function phraseOf(query: string): string {
  return normalize(query).replace(/\s+/g, ' ').trim();
}

/** Whether text holds the query verbatim (ignoring case and full/half width). */
export function containsPhrase(text: string, query: string): boolean {
  const q = phraseOf(query);
  return q.length > 0 && normalize(text).includes(q);
}

/**
 * Where to highlight a query in a text: every occurrence of the whole query; where it does
 * not occur, every occurrence of its tokens (bigrams, words). Merged [start, end) ranges in
 * UTF-16 units of `text` (NFKC keeps the length of CJK text and ASCII; full-width letters
 * and digits map one to one).
 */
export function highlightRanges(text: string, query: string): [number, number][] {
  const hay = normalize(text);
  if (hay.length !== text.length) return [];
  const q = phraseOf(query);
  const needles = q && hay.includes(q) ? [q] : [...new Set(queryTokens(query))];
  const ranges: [number, number][] = [];
  for (const needle of needles) {
    if (!needle) continue;
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) ranges.push([at, at + needle.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}
