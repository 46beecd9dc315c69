import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { resolveConfig } from './resolved-config.js';

const resolve = (dashboard: unknown) => resolveConfig({ dashboard }, { rootDir: '/project' }).dashboard;

function issues(dashboard: unknown): string[] {
  try {
    resolve(dashboard);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('dashboard config', () => {
  it('defaults to no trace link and a 15 s refresh', () => {
    expect(resolveConfig({}, { rootDir: '/project' }).dashboard).toEqual({ traceUrl: undefined, refreshMs: 15_000 });
  });

  it('takes a tracing UI template with {traceId} and a refresh duration', () => {
    expect(resolve({ traceUrl: 'https://jaeger.example.com/trace/{traceId}', refresh: '1m' })).toEqual({
      traceUrl: 'https://jaeger.example.com/trace/{traceId}',
      refreshMs: 60_000,
    });
  });

  it('reports every problem with its path', () => {
    const found = issues({ traceUrl: 'javascript:alert(1)//{traceId}', refresh: '10ms', colour: 'red' });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^dashboard\.traceUrl: .*http\(s\) URL/),
        expect.stringMatching(/^dashboard\.refresh: .*at least one second/),
        expect.stringMatching(/^dashboard\.colour: unknown key/),
      ]),
    );
    expect(issues({ traceUrl: 'https://jaeger.example.com/trace/' })).toEqual([expect.stringMatching(/^dashboard\.traceUrl: .*\{traceId\}/)]);
  });
});
