import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CliError, ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { ReporterStreams } from '../reporters/reporter.js';

const CONFIG = `import { defineConfig } from 'outpost';

export default defineConfig({
  // Where journeys live: files, folders or globs of *.journey.ts.
  journeys: ['journeys'],
  // Named base URLs. Pick one with --target NAME (or pass --target https://…).
  targets: {
    production: 'https://example.com',
  },
  defaultTarget: 'production',
  location: 'local',
  defaults: {
    timeout: '60s',
    stepTimeout: '30s',
    concurrency: 2,
    trace: 'on-failure',
    screenshot: 'on-failure',
  },
  // Secrets come from env vars; a missing one stops the run before it starts.
  // secrets: { LOGIN_PASSWORD: { env: 'LOGIN_PASSWORD' } },
});
`;

const JOURNEY = `import { journey, step } from 'outpost';

export default journey({
  name: 'home',
  cuj: { id: 'home', description: 'A visitor can open the home page' },
  tags: ['smoke'],
  schedule: { every: '5m' },
  steps: [
    step('open home', async ({ page }) => {
      await page.goto('/');
    }),
    step('see the heading', async ({ page, expect }) => {
      await expect(page.locator('h1').first()).toBeVisible();
    }),
  ],
});
`;

/** `outpost init [dir]`: a config and one example journey, never overwriting anything. */
export async function initCommand(options: { dir: string }, streams: ReporterStreams): Promise<ExitCodeValue> {
  const dir = resolve(options.dir);
  const files = [
    { path: join(dir, 'outpost.config.ts'), content: CONFIG },
    { path: join(dir, 'journeys', 'home.journey.ts'), content: JOURNEY },
  ];
  const existing = files.filter((f) => existsSync(f.path)).map((f) => f.path);
  if (existing.length > 0) throw new CliError(`init will not overwrite existing files: ${existing.join(', ')}`);
  await mkdir(join(dir, 'journeys'), { recursive: true });
  for (const file of files) await writeFile(file.path, file.content, { flag: 'wx' });
  streams.out.write(
    [
      `created ${files.map((f) => f.path).join('\n        ')}`,
      '',
      'next:',
      '  npm install --save-dev outpost      (if it is not installed yet)',
      '  edit targets in outpost.config.ts',
      '  npx outpost list',
      '  npx outpost run',
      '',
    ].join('\n'),
  );
  return ExitCode.ok;
}
