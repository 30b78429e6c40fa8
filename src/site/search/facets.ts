/**
 * The search filters and how their values are written, shared by the index builder
 * (records.ts, Node) and the search page (browser).
 */

/** A filter value that names a thing and keeps it distinct: "鄂尔多斯市｜150600". */
export const FACET_SEPARATOR = '｜';
export const facetValue = (label: string, id: string) => `${label}${FACET_SEPARATOR}${id}`;
export const facetLabel = (value: string) => value.split(FACET_SEPARATOR)[0];

export const FILTERS = { place: '地区', doc: '文件', level: '层级', status: '状态', topic: '主题' } as const;
export type FilterKey = keyof typeof FILTERS;
