/**
 * Markdown in the style of open law collections (# title, dated history lines, ## 第一章,
 * <!-- INFO END -->) → plain lines. Only markup is removed; every word stays text.
 */
import type { RemovedLine } from './clean.ts';

export function markdownToText(markdown: string): { text: string; removed: RemovedLine[] } {
  const removed: RemovedLine[] = [];
  const lines = markdown.split('\n').flatMap((line) => {
    if (/^\s*<!--.*-->\s*$/.test(line)) {
      removed.push({ line: line.trim(), reason: 'markdown comment' });
      return [];
    }
    if (/^\s*(-{3,}|\*{3,}|_{3,})\s*$/.test(line)) return [''];
    return [line.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/\s+#+\s*$/, '').replace(/^\s{0,3}>\s?/, '')];
  });
  return { text: lines.join('\n'), removed };
}
