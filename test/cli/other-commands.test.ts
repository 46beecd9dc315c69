import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.js';
import { openStore } from '../../src/store/index.js';
import { makeProject, REPO_ROOT, runCli } from '../helpers/cli.js';

let shop: DemoShop;
const dirs: string[] = [];
beforeAll(async () => {
  shop = await startDemoShop({ port: 0 });
});
afterAll(async () => {
  await shop.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('outpost list', () => {
  it('shows journeys with CUJ, tags, schedule and SLO, and flags broken files', async () => {
    const cwd = await makeProject({
      'journeys/a.journey.ts': `import { journey, step } from 'outpost';
export default journey({ name: 'search', cuj: { id: 'browse-and-search' }, tags: ['shop', 'critical'], schedule: { every: '1m' }, slo: 'search-availability',
  steps: [step('open', async ({ page }) => { await page.goto('/'); })] });`,
      'journeys/b.journey.ts': 'export const nothing = 1;\n',
    });
    dirs.push(cwd);
    const table = await runCli(['list'], { cwd });
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/search\s+browse-and-search\s+shop,critical\s+every 1m\s+search-availability\s+1\s+journeys\/a\.journey\.ts/);
    expect(table.stdout).toContain('✗ journeys/b.journey.ts: exports no journey');
    const json = await runCli(['list', '--json', 'journeys/a.journey.ts'], { cwd });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).journeys).toEqual([
      { name: 'search', cuj: 'browse-and-search', tags: ['shop', 'critical'], schedule: 'every 1m', slo: 'search-availability', steps: 1, file: 'journeys/a.journey.ts' },
    ]);
  });
});

describe('outpost init', () => {
  it('scaffolds a config and a journey that list and run, and never overwrites', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'outpost-init-'));
    dirs.push(cwd);
    await mkdir(join(cwd, 'node_modules'));
    await symlink(REPO_ROOT, join(cwd, 'node_modules', 'outpost'));
    const init = await runCli(['init'], { cwd });
    expect(init.code).toBe(0);
    expect(existsSync(join(cwd, 'outpost.config.ts'))).toBe(true);
    expect(existsSync(join(cwd, 'journeys', 'home.journey.ts'))).toBe(true);
    const list = await runCli(['list'], { cwd });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/home\s+home\s+smoke\s+every 5m/);
    const run = await runCli(['run', '--target', shop.url], { cwd });
    expect(run.stdout).toMatch(/1 passed, 0 failed/);
    const again = await runCli(['init'], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('will not overwrite');
  });
});

describe('outpost demo', () => {
  it('starts the bundled shop and passes the example journeys, storing the results', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outpost-demo-'));
    dirs.push(dir);
    const store = join(dir, 'demo.db');
    const demo = await runCli(['demo', '--store', store, '--output', join(dir, 'results'), '--reporter', 'json'], { cwd: dir });
    expect(demo.code).toBe(0);
    const report = JSON.parse(demo.stdout) as { results: { journey: string; status: string; target: { name: string } }[] };
    expect(report.results.map((r) => r.journey).sort()).toEqual(['browse-and-search', 'catalog-api', 'checkout', 'login']);
    expect(new Set(report.results.map((r) => `${r.status}@${r.target.name}`))).toEqual(new Set(['passed@demo-shop']));
    const opened = await openStore(store);
    expect(await opened.countRuns({ target: 'demo-shop', status: 'passed' })).toBe(4);
    await opened.close();

    // What the demo exercised is what `outpost coverage` reports.
    const coverage = await runCli(['coverage', '--store', store, '--journey', 'checkout', '--json'], { cwd: dir });
    expect(coverage.code).toBe(0);
    const rows = (JSON.parse(coverage.stdout) as { coverage: { journey: string; stepName: string; method: string; path: string; status: number; totalRuns: number }[] }).coverage;
    expect(new Set(rows.map((r) => r.journey))).toEqual(new Set(['checkout']));
    expect(rows).toContainEqual(expect.objectContaining({ stepName: 'check out', method: 'POST', path: '/api/checkout', status: 201, totalRuns: 1 }));
    expect(rows).toContainEqual(expect.objectContaining({ method: 'GET', path: '/order/:id', status: 200 }));
    const table = await runCli(['coverage', '--store', store], { cwd: dir });
    expect(table.stdout).toMatch(/catalog-api\s+0 list products\s+GET\s+127\.0\.0\.1:\d+\s+\/api\/products\s+200\s+1\/1/);
  });
});

describe('interrupting outpost run', () => {
  it('exits 130 and stores the run in progress as aborted', async () => {
    const cwd = await makeProject({
      'journeys/slow.journey.ts': `import { journey, step } from 'outpost';
export default journey({ name: 'slow', steps: [
  step('open', async ({ page }) => { await page.goto('/'); console.error('STEP-STARTED'); await page.waitForTimeout(20_000); }),
  step('after', async ({ page }) => { await page.goto('/cart'); }),
] });`,
    });
    dirs.push(cwd);
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'outpost.js'), 'run', '--target', shop.url], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += c));
    await new Promise<void>((resolve) => child.stderr.on('data', (c) => String(c).includes('STEP-STARTED') && resolve()));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(stdout).toContain('interrupted: unfinished runs were recorded as aborted');
    const store = await openStore(join(cwd, '.outpost', 'outpost.db'));
    const runs = await store.queryRuns({});
    await store.close();
    expect(runs.map((r) => [r.journey, r.status, r.steps.map((s) => s.status)])).toEqual([['slow', 'aborted', ['failed', 'skipped']]]);
    // The browser outlived the signal long enough to save the aborted run's trace.
    expect(existsSync(join(cwd, '.outpost', 'results', runs[0]!.artifacts.trace!))).toBe(true);
  });
});
