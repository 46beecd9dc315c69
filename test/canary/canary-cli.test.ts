import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { makeProject, runCli } from '../helpers/cli.js';
import { CHECKOUT_FAILURES, FIXTURE_JOURNEYS_DIR, SHOP_PASSWORD, startShopPair, type ShopPair } from './canary-harness.js';

const CONFIG = `import { defineConfig } from 'outpost';
export default defineConfig({
  journeys: [${JSON.stringify(FIXTURE_JOURNEYS_DIR)}],
  secrets: { SHOP_PASSWORD: { env: 'SHOP_PASSWORD' } },
  defaults: { trace: 'off', screenshot: 'off' },
});
`;

let cwd: string;
let github: string;
const pairs: ShopPair[] = [];
const env = { SHOP_PASSWORD };

beforeAll(async () => {
  cwd = await makeProject({ 'outpost.config.ts': CONFIG });
  github = await mkdtemp(join(tmpdir(), 'outpost-github-'));
});
afterAll(async () => {
  await Promise.all(pairs.map((pair) => pair.close()));
  await Promise.all([cwd, github].map((dir) => rm(dir, { recursive: true, force: true })));
});

async function shops(...args: Parameters<typeof startShopPair>): Promise<ShopPair> {
  const pair = await startShopPair(...args);
  pairs.push(pair);
  return pair;
}

describe('outpost canary (child process)', () => {
  it('exits 1 on FAIL with JUnit per CUJ and metric, a GitHub summary, ::error lines, and every run stored', async () => {
    const pair = await shops(CHECKOUT_FAILURES);
    const summary = join(github, 'summary.md');
    const args = ['canary', '--baseline', pair.baseline.url, '--canary', pair.canary.url, '--grep', 'checkout', '--reporter', 'junit'];
    const result = await runCli(args, { cwd, env: { ...env, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(result.code).toBe(1);
    expect(XMLValidator.validate(result.stdout)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(result.stdout);
    const suite = doc.testsuites.testsuite;
    expect(suite.name).toBe('canary checkout');
    const names = suite.testcase.map((c: { name: string }) => c.name);
    expect(names).toEqual(['verdict', 'success ratio', 'journey latency', "step 'log in' latency", "step 'add to cart' latency", "step 'place order' latency"]);
    const [verdict, successRatio] = suite.testcase;
    expect(verdict.failure.message).toMatch(/^FAIL \(score 0\.0\): critical success ratio is High: canary failed \d+ of 50 runs/);
    expect(successRatio.failure.message).toMatch(/^High: canary failed \d+ of 50 runs .* baseline 0 of 50/);
    expect(result.stderr).toMatch(/^::error title=outpost canary%3A checkout FAIL::score 0\.0: critical success ratio is High/m);
    expect(await readFile(summary, 'utf8')).toMatch(/^### Outpost canary: ❌ FAIL \(score 0\.0\)$/m);
    const property = (name: string): string => suite.properties.property.find((p: { name: string }) => p.name === name).value;
    const store = await openStore(join(cwd, '.outpost', 'outpost.db'));
    try {
      const runs = await store.queryRuns({ sessionId: property('session') });
      expect(runs).toHaveLength(100);
      expect(runs.filter((r) => r.target.url === pair.canary.url)).toHaveLength(50);
      expect(new Set(runs.map((r) => r.target.name))).toEqual(new Set([new URL(pair.baseline.url).host, new URL(pair.canary.url).host]));
      // The session's verdict and metric table are stored for the dashboard's canary page.
      const stored = await store.getGateSession(property('session'));
      expect(stored).toMatchObject({ kind: 'canary', verdict: 'FAIL', score: 0, interrupted: false });
      expect(stored?.targets.map((t) => [t.role, t.url])).toEqual([['baseline', pair.baseline.url], ['canary', pair.canary.url]]);
      expect(stored?.cujs.map((cuj) => [cuj.key, cuj.verdict])).toEqual([['checkout', 'FAIL']]);
      expect(stored?.cujs[0]?.metrics.map((m) => m.name)).toEqual(names.slice(1));
      expect(stored?.cujs[0]?.metrics[0]).toMatchObject({ classification: 'High', critical: true, baseline: { failed: 0, passed: 50 } });
    } finally {
      await store.close();
    }
  });

  it('exits 4 on INCONCLUSIVE and prints the table and the runs needed', async () => {
    const pair = await shops();
    const result = await runCli(['canary', '--baseline', pair.baseline.url, '--canary', pair.canary.url, '--runs', '3'], { cwd, env });
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/metric +baseline median +canary median +baseline p95 +canary p95 +shift +interval +p +class/);
    expect(result.stdout).toMatch(/success ratio +0\/3 failed +0\/3 failed .* Pass \(undecided\)/);
    expect(result.stdout).toMatch(/^Verdict: INCONCLUSIVE \(score 0\.0 to 100\.0\): too few runs to decide, run at least (\d+) per side/m);
    expect(result.stdout).toMatch(/^run at least \d+ per side: outpost canary … --runs \d+$/m);
  });

  it('exits 2 for usage errors: both --runs and --duration, an unknown target, a missing --canary', async () => {
    const pair = await shops();
    const both = await runCli(['canary', '--baseline', pair.baseline.url, '--canary', pair.canary.url, '--runs', '3', '--duration', '1m'], { cwd, env });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("option '--runs <n>' cannot be used with option '--duration <duration>'");
    const unknown = await runCli(['canary', '--baseline', pair.baseline.url, '--canary', 'staging'], { cwd, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown target "staging"');
    const missing = await runCli(['canary', '--baseline', pair.baseline.url], { cwd, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--canary <name|url>' not specified");
  });
});
