import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop, type FaultRule } from '../../src/demo-shop/index.js';
import { openStore } from '../../src/store/index.js';
import { makeProject, runCli } from '../helpers/cli.js';

const CONFIG = `import { defineConfig } from 'outpost';
export default defineConfig({ journeys: ['journeys'], defaults: { retries: 1, trace: 'off', screenshot: 'off' } });
`;

const HOME = `import { journey, step } from 'outpost';
export default journey({
  name: 'home-page',
  cuj: { id: 'home', description: 'open the shop' },
  steps: [step('open home', async ({ page, expect }) => {
    await page.goto('/');
    await expect(page.getByRole('searchbox', { name: 'Search products' })).toBeVisible();
  })],
});
`;

const PRODUCTS = `import { journey, step } from 'outpost';
export default journey({
  name: 'products',
  cuj: { id: 'catalog' },
  steps: [step('list', async ({ request, expect }) => {
    expect((await request.get('/api/products')).status()).toBe(200);
  })],
});
`;

const cleanup: string[] = [];
const shops: DemoShop[] = [];
let cwd: string;
let github: string;

beforeAll(async () => {
  cwd = await makeProject({ 'outpost.config.ts': CONFIG, 'journeys/home.journey.ts': HOME, 'journeys/products.journey.ts': PRODUCTS });
  github = await mkdtemp(join(tmpdir(), 'outpost-github-'));
  cleanup.push(cwd, github);
});
afterAll(async () => {
  await Promise.all(shops.map((shop) => shop.close()));
  await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function shop(faults: FaultRule[] = [], seed?: number): Promise<DemoShop> {
  const started = await startDemoShop({ port: 0, faults, ...(seed === undefined ? {} : { seed }) });
  shops.push(started);
  return started;
}

async function storedAttempts(sessionId: string): Promise<{ attempt: number; status: string }[]> {
  const store = await openStore(join(cwd, '.outpost', 'outpost.db'));
  try {
    const runs = await store.queryRuns({ sessionId });
    return runs.map((r) => ({ attempt: r.attempt, status: r.status })).sort((a, b) => a.attempt - b.attempt || a.status.localeCompare(b.status));
  } finally {
    await store.close();
  }
}

describe('outpost verify (child process)', () => {
  it('exits 0 when every CUJ passes every run, in a real browser and through the API', async () => {
    const target = await shop();
    const result = await runCli(['verify', '--target', target.url, '--runs', '2'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ home-page {2}[\d.]+m?s/);
    expect(result.stdout).toMatch(/home +home-page +2 +2 +0 +0 +100% +✓ pass/);
    expect(result.stdout).toMatch(/catalog +products +2 +2 +0 +0 +100% +✓ pass/);
    const session = /PASS: every CUJ met the 100% pass rate on 127\.0\.0\.1:\d+ · session ([0-9a-f-]{36})/.exec(result.stdout)?.[1];
    expect(await storedAttempts(session!)).toHaveLength(4);
    const store = await openStore(join(cwd, '.outpost', 'outpost.db'));
    try {
      const stored = await store.getGateSession(session!);
      expect(stored).toMatchObject({ kind: 'verify', verdict: 'PASS', score: null, targets: [{ role: 'target', url: target.url }] });
      expect(stored?.cujs.map((cuj) => [cuj.key, cuj.verdict, cuj.metrics[0]?.canary])).toEqual([
        ['home', 'PASS', { count: 2, passed: 2, flaky: 0, failed: 0, passRate: 1 }],
        ['catalog', 'PASS', { count: 2, passed: 2, flaky: 0, failed: 0, passRate: 1 }],
      ]);
    } finally {
      await store.close();
    }
  });

  it('passes a run whose retry passed, reports it as flaky and stores every attempt', async () => {
    // Seeded draws: the first request to /api/products fails, the next ones do not.
    const target = await shop([{ path: '/api/products', errorRate: 0.5 }], 138);
    const summary = join(github, 'flaky-summary.md');
    const result = await runCli(['verify', '--target', target.url, '--grep', 'products', '--runs', '3', '--reporter', 'json'], { cwd, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ passed: true, retries: 1, runsPerCuj: 3 });
    expect(report.cujs[0]).toMatchObject({ key: 'catalog', passed: 2, flaky: 1, failed: 0, passRate: 1, ok: true, lastFailure: { attempt: 1, step: 'list' } });
    const flaky = report.cujs[0].runs.find((run: { outcome: string }) => run.outcome === 'flaky');
    expect(flaky.attempts.map((a: { attempt: number; status: string }) => [a.attempt, a.status])).toEqual([[1, 'failed'], [2, 'passed']]);
    expect(await storedAttempts(report.sessionId)).toEqual([
      { attempt: 1, status: 'failed' }, { attempt: 1, status: 'passed' }, { attempt: 1, status: 'passed' }, { attempt: 2, status: 'passed' },
    ]);
    const markdown = await readFile(summary, 'utf8');
    expect(markdown).toContain('### Outpost verify: ✅ PASS');
    expect(markdown).toMatch(/\| catalog \| products \| 2 \| 1 \| 0 \| 100% \| ✅ pass \(flaky\) \|/);
  });

  it('exits 1 below the pass rate, with valid JUnit, a GitHub summary and ::error annotations', async () => {
    const target = await shop([{ path: '/api/products', errorRate: 1 }]);
    const summary = join(github, 'fail-summary.md');
    const env = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary };
    const result = await runCli(['verify', '--target', target.url, '--runs', '2', '--reporter', 'junit'], { cwd, env });
    expect(result.code).toBe(1);
    expect(XMLValidator.validate(result.stdout)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(result.stdout);
    expect(doc.testsuites).toMatchObject({ name: 'outpost verify', tests: '2', failures: '1' });
    const cases = doc.testsuites.testsuite.testcase;
    const catalog = cases.find((c: { name: string }) => c.name === 'catalog');
    expect(catalog.failure.message).toBe('0/2 runs passed (0%); below the 100% minimum');
    expect(catalog.failure['#text']).toMatch(/step "list": .*503/s);
    expect(cases.find((c: { name: string }) => c.name === 'home').failure).toBeUndefined();
    expect(result.stderr).toMatch(new RegExp(`^::error title=outpost verify%3A catalog on 127\\.0\\.0\\.1%3A${target.port}::0/2 runs passed \\(0%25\\); below the 100%25 minimum; last failure: step "list": `, 'm'));
    expect(result.stderr).not.toContain('title=outpost verify%3A home');
    const markdown = await readFile(summary, 'utf8');
    expect(markdown).toContain('### Outpost verify: ❌ FAIL');
    expect(markdown).toContain('| catalog | products | 0 | 0 | 2 | 0% | ❌ fail |');
  });

  it('exits 1 when a pass rate below 1 is still not met, and 2 for a pass rate out of range', async () => {
    const target = await shop([{ path: '/api/products', errorRate: 1 }]);
    const below = await runCli(['verify', '--target', target.url, '--grep', 'products', '--runs', '1', '--min-pass-rate', '0.5', '--reporter', 'markdown'], { cwd });
    expect(below.code).toBe(1);
    expect(below.stdout).toContain('minimum pass rate 50%');
    const usage = await runCli(['verify', '--target', target.url, '--min-pass-rate', '1.5'], { cwd });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("option '--min-pass-rate <rate>' argument '1.5' is invalid");
  });
});
