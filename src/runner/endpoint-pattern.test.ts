import { describe, expect, it } from 'vitest';
import { endpointPattern } from './endpoint-pattern.js';

describe('endpointPattern', () => {
  it('collapses numbers, UUIDs, long hex and mixed tokens', () => {
    expect(endpointPattern('/api/orders/42')).toBe('/api/orders/:id');
    expect(endpointPattern('/api/orders/8f14e45f-ceea-467f-a0e6-0d9f3b2a1c55/items/7')).toBe('/api/orders/:id/items/:id');
    expect(endpointPattern('/blobs/d41d8cd98f00b204e9800998ecf8427e')).toBe('/blobs/:id');
    expect(endpointPattern('/order/7E866785')).toBe('/order/:id');
    expect(endpointPattern('/sessions/aZ3kq9Lm2Xp7Rt5Vw1')).toBe('/sessions/:id');
  });

  it('keeps words, slugs, versions and the root', () => {
    expect(endpointPattern('/')).toBe('/');
    expect(endpointPattern('/product/brass-desk-lamp')).toBe('/product/brass-desk-lamp');
    expect(endpointPattern('/api/v2/search')).toBe('/api/v2/search');
    expect(endpointPattern('/checkout')).toBe('/checkout');
    expect(endpointPattern('/feedback/deadbeef')).toBe('/feedback/deadbeef');
  });
});
