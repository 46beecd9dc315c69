/**
 * Removes every element with a given data-testid from a page, children included. It works on
 * the shop's own markup, which is well-formed and escapes `<`, `>` and quotes in text and
 * attribute values, so a scan that counts same-name tags is exact here; it is not a general
 * HTML parser. Doing it after rendering means every element with a data-testid can be
 * made missing, including ones added to the templates later.
 */
import { escapeHtml } from '../html/index.js';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

export function removeElementsByTestId(markup: string, testIds: Iterable<string>): string {
  let out = markup;
  for (const testId of testIds) out = removeAll(out, testId);
  return out;
}

function removeAll(markup: string, testId: string): string {
  const attribute = `data-testid="${escapeHtml(testId)}"`;
  const bodyStart = Math.max(markup.indexOf('<body'), 0);
  let out = markup;
  for (let from = bodyStart; ; ) {
    const at = out.indexOf(attribute, from);
    if (at === -1) return out;
    const start = out.lastIndexOf('<', at);
    const tag = /^<([a-zA-Z][\w-]*)/.exec(out.slice(start))?.[1]?.toLowerCase();
    const openEnd = out.indexOf('>', at);
    if (tag === undefined || openEnd === -1) return out;
    const end = VOID.has(tag) ? openEnd + 1 : closingEnd(out, tag, openEnd + 1);
    if (end === -1) return out;
    out = out.slice(0, start) + out.slice(end);
    from = start;
  }
}

/** Index just past the `</tag>` that closes an element whose content starts at `from`. */
function closingEnd(markup: string, tag: string, from: number): number {
  const pattern = new RegExp(`<(/?)${tag}(?=[\\s>/])[^>]*>`, 'gi');
  pattern.lastIndex = from;
  let depth = 1;
  for (let m = pattern.exec(markup); m !== null; m = pattern.exec(markup)) {
    depth += m[1] === '/' ? -1 : 1;
    if (depth === 0) return m.index + m[0].length;
  }
  return -1;
}
