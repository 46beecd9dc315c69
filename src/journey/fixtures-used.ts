import type { FixtureName } from './step-context.js';

const KNOWN: ReadonlySet<string> = new Set<FixtureName>([
  'page', 'context', 'request', 'params', 'expect', 'log', 'secrets', 'target',
]);

/**
 * Reads which context fields a step function destructures, the way Playwright Test
 * finds the fixtures a test needs: from the source of its first parameter.
 * `async ({ request, expect }) => …` yields {request, expect}, so the runner can skip
 * opening a page. Returns `undefined` when the parameter is not a plain destructuring
 * (for example `(ctx) => …` or `({ ...rest })`): then the runner must assume anything is used.
 */
export function fixturesUsedBy(fn: Function): ReadonlySet<FixtureName> | undefined {
  const pattern = firstParameterPattern(fn.toString());
  if (pattern === undefined) return undefined;
  if (pattern === '') return new Set();
  if (!pattern.startsWith('{')) return undefined;
  const names = topLevelKeys(pattern.slice(1, -1));
  if (names === undefined) return undefined;
  return new Set(names.filter((n): n is FixtureName => KNOWN.has(n)));
}

function firstParameterPattern(source: string): string | undefined {
  const open = source.indexOf('(');
  const arrow = source.indexOf('=>');
  // `async x => …` or `x => …`: a single bare identifier.
  if (arrow !== -1 && (open === -1 || arrow < open)) {
    const head = source.slice(0, arrow).replace(/^async\s+/, '').trim();
    return head === '' ? '' : undefined;
  }
  if (open === -1) return undefined;
  const close = matchingParen(source, open);
  if (close === -1) return undefined;
  const params = source.slice(open + 1, close).trim();
  if (params === '') return '';
  const first = splitTopLevel(params)[0]?.trim() ?? '';
  const withoutDefault = first.replace(/=\s*\{\s*\}\s*$/, '').trim();
  return withoutDefault;
}

function matchingParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if (ch === ')' || ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if (ch === ')' || ch === '}' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function topLevelKeys(body: string): string[] | undefined {
  const keys: string[] = [];
  for (const raw of splitTopLevel(body)) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry.startsWith('...')) return undefined;
    const key = /^([A-Za-z_$][\w$]*)/.exec(entry)?.[1];
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return keys;
}
