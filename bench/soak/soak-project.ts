import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SoakOptions } from './soak-options.js';

/**
 * The soak's journeys: light browser journeys (a page each, so Chromium, its contexts and pages are
 * exercised) and API-only ones, every `everyS` seconds, against the demo shop.
 */
const BROWSER_JOURNEYS = [
  (name: string, every: string) => `import { journey, step } from 'outpost';
export default journey({ name: '${name}', schedule: { every: '${every}' }, timeout: '30s', steps: [
  step('home', async ({ page, expect }) => {
    await page.goto('/');
    await expect(page.getByTestId('featured')).toBeVisible();
  }),
] });`,
  (name: string, every: string) => `import { journey, step } from 'outpost';
export default journey({ name: '${name}', schedule: { every: '${every}' }, timeout: '30s', steps: [
  step('search', async ({ page, expect }) => {
    await page.goto('/search?q=lamp');
    await expect(page.getByTestId('result-count')).toBeVisible();
  }),
] });`,
];

const API_JOURNEY = (name: string, every: string) => `import { journey, step } from 'outpost';
export default journey({ name: '${name}', schedule: { every: '${every}' }, timeout: '30s', steps: [
  step('products', async ({ request, expect }) => {
    expect((await request.get('/api/products')).status()).toBe(200);
  }),
] });`;

/** Writes `outpost.config.ts` and the journeys into `dir`, where `import 'outpost'` resolves to `repoRoot`. */
export async function writeSoakProject(dir: string, repoRoot: string, options: SoakOptions, shopUrl: string): Promise<void> {
  const every = `${options.everyS}s`;
  await mkdir(path.join(dir, 'journeys'), { recursive: true });
  await mkdir(path.join(dir, 'node_modules'), { recursive: true });
  await symlink(repoRoot, path.join(dir, 'node_modules', 'outpost'), 'dir');
  await writeFile(
    path.join(dir, 'outpost.config.ts'),
    `export default {
  targets: { shop: ${JSON.stringify(shopUrl)} },
  location: 'soak',
  store: 'soak.db',
  defaults: { retries: 0, concurrency: ${options.concurrency}, trace: 'off', screenshot: 'off' },
};
`,
  );
  const files: [string, string][] = [];
  for (let i = 0; i < options.browserJourneys; i++) {
    const name = `browser-${String(i).padStart(2, '0')}`;
    files.push([name, BROWSER_JOURNEYS[i % BROWSER_JOURNEYS.length]!(name, every)]);
  }
  for (let i = 0; i < options.apiJourneys; i++) {
    const name = `api-${String(i).padStart(2, '0')}`;
    files.push([name, API_JOURNEY(name, every)]);
  }
  for (const [name, source] of files) await writeFile(path.join(dir, 'journeys', `${name}.journey.ts`), source);
}
