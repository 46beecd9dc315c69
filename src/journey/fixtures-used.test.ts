import { describe, expect, it } from 'vitest';
import { fixturesUsedBy } from './fixtures-used.js';

describe('fixturesUsedBy', () => {
  it('reads destructured fields of arrow functions', () => {
    expect(fixturesUsedBy(async ({ request, expect: e }: any) => { void request; void e; })).toEqual(new Set(['request', 'expect']));
  });

  it('reads renamed, defaulted and nested destructuring by their keys', () => {
    const fn = async ({ page: p, params: { query } = {} as any, log }: any) => { void p; void query; void log; };
    expect(fixturesUsedBy(fn)).toEqual(new Set(['page', 'params', 'log']));
  });

  it('reads classic function expressions', () => {
    const fn = async function ({ context }: any) { void context; };
    expect(fixturesUsedBy(fn)).toEqual(new Set(['context']));
  });

  it('returns an empty set for functions that take nothing', () => {
    expect(fixturesUsedBy(async () => {})).toEqual(new Set());
  });

  it('cannot tell for a plain parameter or a rest pattern', () => {
    expect(fixturesUsedBy(async (ctx: any) => { void ctx; })).toBeUndefined();
    expect(fixturesUsedBy(async ({ ...all }: any) => { void all; })).toBeUndefined();
    // eslint-disable-next-line
    expect(fixturesUsedBy(((ctx: any) => ctx) as Function)).toBeUndefined();
  });

  it('ignores keys that are not fixtures', () => {
    expect(fixturesUsedBy(({ page, unknownThing }: any) => { void page; void unknownThing; })).toEqual(new Set(['page']));
  });
});
