import { describe, expect, it } from 'vitest';
import { parseFaultsEnv } from './fault-rules.js';
import { FaultSet, mulberry32, pathMatches } from './fault-set.js';

describe('pathMatches', () => {
  it('matches prefixes on whole segments', () => {
    expect(pathMatches('/', '/anything')).toBe(true);
    expect(pathMatches('/api/cart', '/api/cart')).toBe(true);
    expect(pathMatches('/api/cart', '/api/cart/items/x')).toBe(true);
    expect(pathMatches('/api/cart', '/api/cartoon')).toBe(false);
    expect(pathMatches('/api/', '/api/products')).toBe(true);
    expect(pathMatches('/api/cart', '/api')).toBe(false);
  });

  it('matches * globs over the whole path, with regex characters taken literally', () => {
    expect(pathMatches('/product/*', '/product/ceramic-mug')).toBe(true);
    expect(pathMatches('/product/*', '/product')).toBe(false);
    expect(pathMatches('/api/*/items', '/api/cart/items')).toBe(true);
    expect(pathMatches('/api/*/items', '/api/cart/items/x')).toBe(false);
    expect(pathMatches('/a.b*', '/axb')).toBe(false);
    expect(pathMatches('*', '/x')).toBe(true);
  });
});

describe('FaultSet', () => {
  it('applies every matching rule: delays add up, elements collect, methods filter', () => {
    const set = new FaultSet([
      { path: '/api', delayMs: 100 },
      { path: '/api/cart', method: 'post', delayMs: 50, missing: 'a' },
      { path: '/api/cart', broken: 'add-to-cart' },
    ]);
    const post = set.decide('POST', '/api/cart/items');
    expect(post.delayMs).toBe(150);
    expect([...post.missing]).toEqual(['a']);
    expect([...post.broken]).toEqual(['add-to-cart']);
    expect(set.decide('GET', '/api/cart').delayMs).toBe(100);
    expect(set.decide('GET', '/cart').delayMs).toBe(0);
  });

  it('draws errors from a seeded generator reproducibly, and not at all for rates 0 and 1', () => {
    const draws = (seed: number) => {
      const set = new FaultSet([{ path: '/', errorRate: 0 }, { path: '/', errorRate: 0.5, status: 500 }, { path: '/', errorRate: 1 }], seed);
      return Array.from({ length: 200 }, () => set.decide('GET', '/').errorStatus);
    };
    const first = draws(1);
    expect(draws(1)).toEqual(first);
    expect(draws(2)).not.toEqual(first);
    // Rule order: the 0.5 rule's 500 wins when drawn, else the certain 503.
    const fivehundreds = first.filter((s) => s === 500).length;
    expect(fivehundreds).toBeGreaterThan(70);
    expect(fivehundreds).toBeLessThan(130);
    expect(first.filter((s) => s === 503)).toHaveLength(200 - fivehundreds);
  });

  it('keeps its rules when a replacement is invalid', () => {
    const set = new FaultSet([{ path: '/x', delayMs: 1 }]);
    expect(() => set.set([{ path: '/y', delayMs: -1 }])).toThrow();
    expect(set.list()).toEqual([{ path: '/x', delayMs: 1 }]);
  });
});

describe('mulberry32', () => {
  it('stays in [0, 1)', () => {
    const next = mulberry32(123);
    for (let i = 0; i < 1000; i++) {
      const v = next();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
  });
});

describe('parseFaultsEnv', () => {
  it('reads nothing from an unset or blank variable', () => {
    expect(parseFaultsEnv(undefined)).toEqual([]);
    expect(parseFaultsEnv('  ')).toEqual([]);
  });

  it('fills defaults and upper-cases methods', () => {
    expect(parseFaultsEnv('[{"missing":"featured","method":"get"}]')).toEqual([{ path: '/', method: 'GET', missing: 'featured' }]);
  });

  it('names the variable and every problem', () => {
    expect(() => parseFaultsEnv('[{"path":"/","delayMs":-5},{"broken":""}]')).toThrow(/OUTPOST_SHOP_FAULTS: invalid fault rules: \[0\]\.delayMs: .*; \[1\]\.broken: /);
  });
});
