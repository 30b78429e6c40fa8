/**
 * The diff page's address for two provisions, shared by the pages that link to it (built in
 * Node) and the document page's script, which adds those links in the browser (client/reading.ts).
 */

/**
 * A clause key ("<docId>#<eId>") as a query value. Ids are URL-safe but for the "#" between
 * document and clause, which would start the fragment; Han characters stay as they are (a
 * browser encodes them when it follows the link), a third of the bytes of their %XX%XX%XX
 * form, which made up a quarter of a corpus document page.
 */
const queryValue = (key: string) => (/[%&+=\s]/.test(key) ? key.replace(/[#%&+=\s]/g, (c) => encodeURIComponent(c)) : key.replaceAll('#', '%23'));

/** The diff page of two provisions: /compare/diff/?a=<docId>%23<eId>&b=<docId>%23<eId> */
export const diffHref = (a: string, b: string) => `/compare/diff/?a=${queryValue(a)}&b=${queryValue(b)}`;

/** The clause key a clause's address (format.ts: refHref, /docs/<docId>/#<eId>) links to, or null for any other address. */
export function clauseKeyOfHref(href: string): string | null {
  const m = /^\/docs\/([^/#?]+)\/#([^#]+)$/.exec(href);
  return m ? `${m[1]}#${m[2]}` : null;
}
