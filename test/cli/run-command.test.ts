import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.js';
import { makeProject, runCli } from '../helpers/cli.js';

const PASSING = `import { journey, step } from 'outpost';
export default journey({
  name: 'home-page',
  cuj: { id: 'home', description: 'open the shop' },
  tags: ['smoke'],
  steps: [step('open home', async ({ page, expect }) => {
    await page.goto('/');
    await expect(page.getByRole('searchbox', { name: 'Search products' })).toBeVisible();
  })],
});
`;

const FAILING = `import { journey, step } from 'outpost';
export default journey({
  name: 'cart-check',
  tags: ['cart'],
  steps: [
    step('open cart', async ({ page }) => { await page.goto('/cart'); }),
    step('see a discount banner', async ({ page, expect }) => {
      await expect(page.getByTestId('discount-banner')).toBeVisible({ timeout: 300 });
    }),
  ],
});
`;

const API = `import { journey, step } from 'outpost';
export default journey({
  name: 'api-products',
  tags: ['api'],
  steps: [step('list', async ({ request, expect }) => {
    expect((await request.get('/api/products')).status()).toBe(200);
  })],
});
`;

let shop: DemoShop;
const projects: string[] = [];
beforeAll(async () => {
  shop = await startDemoShop({ port: 0 });
});
afterAll(async () => {
  await shop.close();
  await Promise.all(projects.map((p) => rm(p, { recursive: true, force: true })));
});

async function project(files: Record<string, string>): Promise<string> {
  const dir = await makeProject(files);
  projects.push(dir);
  return dir;
}

describe('outpost run (child process)', () => {
  it('exits 0 and prints a line per run and a summary when all pass', async () => {
    const cwd = await project({ 'journeys/home.journey.ts': PASSING, 'journeys/api.journey.ts': API });
    const result = await runCli(['run', '--target', shop.url], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ home-page {2}127\.0\.0\.1:\d+@local/);
    expect(result.stdout).toMatch(/✓ api-products/);
    expect(result.stdout).toMatch(/^2 passed, 0 failed \(2 runs in [\d.]+m?s\)$/m);
  });

  it('exits 1 and names the failing step and its error', async () => {
    const cwd = await project({ 'journeys/home.journey.ts': PASSING, 'journeys/cart.journey.ts': FAILING });
    const result = await runCli(['run', '--target', shop.url, '--location', 'eu-west'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ cart-check .*failed at step "see a discount banner": .*toBeVisible/);
    expect(result.stdout).toMatch(/open with: npx playwright show-trace .*trace\.zip/);
    expect(result.stdout).toMatch(/cart-check .* 0\/1 .*see a discount banner: /);
    expect(result.stdout).toMatch(/^1 passed, 1 failed/m);
  });

  it('filters with --grep and --tag, and repeats with --repeat', async () => {
    const cwd = await project({ 'journeys/home.journey.ts': PASSING, 'journeys/api.journey.ts': API, 'journeys/cart.journey.ts': FAILING });
    const result = await runCli(['run', '--target', shop.url, '--tag', 'api,smoke', '--grep', 'api', '--repeat', '3', '--reporter', 'json'], { cwd });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { summary: { total: number }; results: { journey: string }[] };
    expect(report.summary.total).toBe(3);
    expect(new Set(report.results.map((r) => r.journey))).toEqual(new Set(['api-products']));
  });

  it('reports a broken journey file by name and cause, runs the others, and exits 1', async () => {
    const cwd = await project({
      'journeys/home.journey.ts': PASSING,
      'journeys/syntax.journey.ts': 'export default journey({ name: "x", steps: [ });\n',
      'journeys/throws.journey.ts': "throw new Error('cannot reach the feature flag service');\n",
    });
    const result = await runCli(['run', '--target', shop.url], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✓ home-page/);
    expect(result.stdout).toMatch(/could not load .*syntax\.journey\.ts\n\s+\S*Error/);
    expect(result.stdout).toMatch(/could not load .*throws\.journey\.ts\n\s+Error: cannot reach the feature flag service/);
    expect(result.stdout).toMatch(/^1 passed, 0 failed/m);
  });

  it('exits 2 and lists every config problem with its path', async () => {
    const cwd = await project({
      'outpost.config.ts': `export default {
        targets: { prod: 42 },
        defaultTarget: 'nowhere',
        defaults: { timeout: 'soon', concurency: 3 },
        colour: 'blue',
      };\n`,
      'journeys/home.journey.ts': PASSING,
    });
    const result = await runCli(['run'], { cwd });
    expect(result.code).toBe(2);
    for (const path of ['targets.prod', 'defaults.timeout', 'defaults.concurency', 'colour', 'defaultTarget']) {
      expect(result.stderr).toContain(path);
    }
    expect(result.stdout).toBe('');
  });

  it('exits 2 with a clear message when a required secret env var is missing', async () => {
    const cwd = await project({
      'outpost.config.ts': "export default { secrets: { SHOP_PASSWORD: { env: 'OUTPOST_TEST_MISSING_PW' } } };\n",
      'journeys/home.journey.ts': PASSING,
    });
    const result = await runCli(['run', '--target', shop.url], { cwd, env: { OUTPOST_TEST_MISSING_PW: undefined } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('OUTPOST_TEST_MISSING_PW');
    expect(result.stderr).not.toMatch(/no journey/i);
  });

  it('exits 2 for usage errors: unknown reporter, unknown target, bad --grep', async () => {
    const cwd = await project({ 'journeys/home.journey.ts': PASSING });
    expect((await runCli(['run', '--reporter', 'fancy'], { cwd })).code).toBe(2);
    const target = await runCli(['run', '--target', 'staging'], { cwd });
    expect(target.code).toBe(2);
    expect(target.stderr).toContain('unknown target "staging"');
    const grep = await runCli(['run', '--target', shop.url, '--grep', '(['], { cwd });
    expect(grep.code).toBe(2);
    expect(grep.stderr).toContain('not a valid regular expression');
  });
});
