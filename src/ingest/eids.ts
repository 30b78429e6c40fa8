/**
 * Akoma Ntoso-style eIds from numbering: art_9, art_4__item_6, sec_3, chp_2, para_2.
 * A kind whose numbers are unique in the document gets a bare id (art_9); where its
 * numbering restarts (004: each system has its own 第一条), ids are qualified by the
 * parent (sec_2__art_1). Lists and paragraphs are always qualified by their parent.
 */
import type { ClauseNode } from './structure.ts';

export type FlatClause = {
  id: string;
  parent: string | null;
  node: ClauseNode;
};

const PREFIX: Record<ClauseNode['kind'], string> = {
  part: 'part', subpart: 'subpart', chapter: 'chp', section: 'sec', article: 'art', heading1: 'sec',
  item: 'item', point: 'point', subpoint: 'subpoint', subitem: 'subitem', stage: 'stage', attachment: 'att',
  paragraph: 'para', preamble: 'preamble',
};

/** Kinds that may take a bare id when their numbers do not repeat in the document. */
const BARE_WHEN_UNIQUE = new Set<ClauseNode['kind']>(['part', 'subpart', 'chapter', 'article', 'heading1', 'stage', 'attachment']);

function numberKey(node: ClauseNode): string {
  return node.subValue !== undefined ? `${node.value}_${node.subValue}` : String(node.value);
}

/** Kinds whose numbers repeat somewhere in the tree. */
function repeatingKinds(roots: ClauseNode[]): Set<string> {
  const seen = new Set<string>();
  const repeating = new Set<string>();
  const visit = (nodes: ClauseNode[]) => {
    for (const node of nodes) {
      if (node.value !== null) {
        const key = `${PREFIX[node.kind]}:${numberKey(node)}`;
        if (seen.has(key)) repeating.add(PREFIX[node.kind]);
        seen.add(key);
      }
      visit(node.children);
    }
  };
  visit(roots);
  return repeating;
}

/** Flattens the tree in document order, giving each clause a unique eId. */
export function assignEids(roots: ClauseNode[]): FlatClause[] {
  const repeating = repeatingKinds(roots);
  const used = new Set<string>();
  const out: FlatClause[] = [];
  const visit = (nodes: ClauseNode[], parent: FlatClause | null) => {
    // Unnumbered paragraphs count from 2 when the parent has text of its own: that text is the first 款.
    let paragraphs = parent && parent.node.text !== '' ? 1 : 0;
    let preambles = 0;
    for (const node of nodes) {
      const prefix = PREFIX[node.kind];
      let local: string;
      if (node.kind === 'paragraph') local = `${prefix}_${++paragraphs}`;
      else if (node.kind === 'preamble') local = `${prefix}_${++preambles}`;
      else local = `${prefix}_${numberKey(node)}`;
      const bare = BARE_WHEN_UNIQUE.has(node.kind) && !repeating.has(prefix);
      let id = parent && !bare ? `${parent.id}__${local}` : local;
      if (used.has(id)) {
        let k = 2;
        while (used.has(`${id}_${k}`)) k++;
        id = `${id}_${k}`;
      }
      used.add(id);
      const flat: FlatClause = { id, parent: parent?.id ?? null, node };
      out.push(flat);
      visit(node.children, flat);
    }
  };
  visit(roots, null);
  return out;
}

/** Reader-facing clause type for the data API. */
export function clauseType(kind: ClauseNode['kind']): string {
  return kind === 'heading1' ? 'section' : kind;
}
