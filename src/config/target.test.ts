import { describe, expect, test } from 'vitest';
import { resolveTarget, TargetError } from './target.js';
import type { ResolvedConfig } from './resolved-config.js';
import { thrownBy } from './test-fixtures/thrown.js';

type Targets = Pick<ResolvedConfig, 'targets' | 'defaultTarget' | 'use'>;

const shop: Targets = {
  targets: {
    production: { url: 'https://shop.example.com', params: {} },
    staging: { url: 'https://staging.example.com', params: { query: 'test lamp' } },
  },
  defaultTarget: undefined,
  use: {},
};

function targetError(config: Targets, nameOrUrl?: string): TargetError {
  return thrownBy(TargetError, () => resolveTarget(config, nameOrUrl));
}

describe('resolveTarget', () => {
  test('a known name gives its URL and params', () => {
    expect(resolveTarget(shop, 'staging')).toEqual({ name: 'staging', baseURL: 'https://staging.example.com', params: { query: 'test lamp' } });
  });

  test('a URL is used as is and named by its host', () => {
    expect(resolveTarget(shop, 'http://localhost:3000/shop')).toEqual({ name: 'localhost:3000', baseURL: 'http://localhost:3000/shop', params: {} });
  });

  test('with nothing given, the defaultTarget is used', () => {
    expect(resolveTarget({ ...shop, defaultTarget: 'production' }).name).toBe('production');
  });

  test('with nothing given and one target, that target is used', () => {
    const one: Targets = { targets: { local: { url: 'http://localhost:8080', params: {} } }, defaultTarget: undefined, use: {} };
    expect(resolveTarget(one)).toEqual({ name: 'local', baseURL: 'http://localhost:8080', params: {} });
  });

  test('with nothing given and no targets, use.baseURL is used', () => {
    expect(resolveTarget({ targets: {}, defaultTarget: undefined, use: { baseURL: 'http://127.0.0.1:4000' } })).toEqual({
      name: '127.0.0.1:4000',
      baseURL: 'http://127.0.0.1:4000',
      params: {},
    });
  });

  test('with nothing given and several targets, the error lists them', () => {
    const error = targetError(shop);
    expect(error.known).toEqual(['production', 'staging']);
    expect(error.message).toBe('no target given and no defaultTarget set; known targets: production, staging. Pass a target name or a full http(s):// URL.');
  });

  test('an unknown name is an error listing the known names', () => {
    const error = targetError(shop, 'prod');
    expect(error.requested).toBe('prod');
    expect(error.message).toMatch(/^unknown target "prod"; known targets: production, staging\./);
  });

  test('with no targets at all the error says so', () => {
    expect(targetError({ targets: {}, defaultTarget: undefined, use: {} }).message).toMatch(/^no target given; no targets are configured\./);
  });

  test('a malformed URL is an error, not a target', () => {
    expect(targetError(shop, 'https://').message).toMatch(/^"https:\/\/" is not a valid URL/);
  });
});
