import type * as z from 'zod';
import type { ConfigIssue } from './config-error.js';

type ZodIssue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;
type Path = readonly PropertyKey[];

/**
 * Error map for `safeParse`: says what was expected in plain words. Messages set on a schema
 * take precedence over it.
 */
export function expectationMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
    case 'invalid_value':
      return `expected ${expectedNoun(issue)}`;
    case 'invalid_union':
      // A discriminated union that matched no option lists the discriminator's values instead of branches.
      if (issue.errors.length === 0 && 'options' in issue && Array.isArray(issue.options)) return `expected ${expectedNoun({ code: 'invalid_value', values: issue.options })}`;
      return `expected ${issue.errors.map((branch) => (branch[0] === undefined ? 'something else' : expectedNoun(branch[0]))).join(' or ')}`;
    case 'too_small':
      return `expected ${bound(issue.origin, 'at least', issue.minimum, issue.inclusive)}`;
    case 'too_big':
      return `expected ${bound(issue.origin, 'at most', issue.maximum, issue.inclusive)}`;
    case 'invalid_format':
      return `expected ${issue.format === 'url' ? 'a URL' : `a valid ${issue.format}`}`;
    case 'invalid_key':
      return 'expected a non-empty key';
    default:
      return undefined;
  }
}

/** Turns zod issues into config issues: one per problem, each with its path and what was found. */
export function toConfigIssues(issues: readonly ZodIssue[], prefix: Path = []): ConfigIssue[] {
  return issues.flatMap((issue) => fromZodIssue(issue, [...prefix, ...issue.path]));
}

function fromZodIssue(issue: ZodIssue, path: Path): ConfigIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: formatPath([...path, key]), message: issue.message }));
  }
  if (issue.code === 'invalid_union') {
    // When the value had the right type for one alternative (an object with a bad `url`),
    // that alternative's own issues say more than "expected A or B".
    // Of several such alternatives, the one with the fewest problems is the likeliest intent.
    const closest = issue.errors.filter(typeMatched).sort((a, b) => a.length - b.length)[0];
    if (closest !== undefined) return toConfigIssues(closest, path);
  }
  return [{ path: formatPath(path), message: withFound(issue) }];
}

function typeMatched(branch: ZodIssue[]): boolean {
  return branch.some((issue) => issue.path.length > 0 || (issue.code !== 'invalid_type' && issue.code !== 'invalid_value'));
}

function withFound(issue: ZodIssue): string {
  if (!('input' in issue)) return issue.message;
  const found = foundValue(issue as ZodIssue & { input: unknown });
  if (found === undefined) return `${issue.message}, but it is missing`;
  return `${issue.message}, got ${describeValue(found)}`;
}

/** A discriminated union that matched no option reports the whole object; what was found is its discriminator. */
function foundValue(issue: ZodIssue & { input: unknown }): unknown {
  const input = issue.input;
  if (issue.code !== 'invalid_union' || issue.discriminator === undefined) return input;
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[issue.discriminator] : input;
}

function expectedNoun(issue: Pick<ZodIssue, 'code'> & { expected?: string; values?: readonly unknown[] }): string {
  if (issue.code === 'invalid_value' && issue.values !== undefined) {
    const values = issue.values.map(describeValue);
    return values.length === 1 ? (values[0] ?? '') : `one of ${values.join(', ')}`;
  }
  const nouns: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    int: 'an integer',
    boolean: 'true or false',
    object: 'an object',
    record: 'an object',
    array: 'an array',
  };
  return nouns[issue.expected ?? ''] ?? issue.expected ?? 'another value';
}

function bound(origin: string, words: string, limit: number | bigint, inclusive = true): string {
  const limitText = String(limit);
  if (origin === 'string' && limitText === '1' && words === 'at least') return 'a non-empty string';
  if (origin === 'string') return `${words} ${limitText} characters`;
  if (origin === 'array') return `${words} ${limitText} items`;
  const sign = words === 'at least' ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
  return `a number ${sign} ${limitText}`;
}

/** A short, readable rendering of a value found in a config. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? 'a function' : String(value);
  return 'an object';
}

/** `['targets', 'production', 'url']` → `targets.production.url`; `['journeys', 1]` → `journeys[1]`. */
export function formatPath(path: Path): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    const name = String(key);
    if (!/^[A-Za-z_$][\w$-]*$/.test(name)) return `${text}[${JSON.stringify(name)}]`;
    return text === '' ? name : `${text}.${name}`;
  }, '');
}
