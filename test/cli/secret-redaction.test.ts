import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.js';
import { openStore } from '../../src/store/index.js';
import { makeProject, runCli } from '../helpers/cli.js';

const SECRET = 'Zq9!secret pass&word';

// Types the secret into the login form (so it is in the trace's action log and the POST body),
// logs it, and fails with it in the error message: every place a careless secret would leak.
const LEAKY = `import { journey, step } from 'outpost';
export default journey({
  name: 'leaky-login',
  steps: [
    step('log in', async ({ page, secrets, expect, log }) => {
      await page.goto('/login');
      await page.getByLabel('Email').fill('shopper@example.com');
      await page.getByLabel('Password').fill(secrets.SHOP_PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByTestId('account-name')).toBeVisible();
      log.info('logged in with ' + secrets.SHOP_PASSWORD);
    }),
    step('fail loudly', async ({ secrets }) => {
      throw new Error('wrong password: ' + secrets.SHOP_PASSWORD);
    }),
  ],
});
`;

let shop: DemoShop;
let cwd: string;
beforeAll(async () => {
  shop = await startDemoShop({ port: 0, password: SECRET });
  cwd = await makeProject({
    'outpost.config.ts': "export default { secrets: { SHOP_PASSWORD: { env: 'LEAKY_SHOP_PASSWORD' } }, defaults: { trace: 'on', screenshot: 'on' } };\n",
    'journeys/leaky.journey.ts': LEAKY,
  });
});
afterAll(async () => {
  await shop.close();
  await rm(cwd, { recursive: true, force: true });
});

/** Every form in which the secret could be written down. */
const leakedForms = [SECRET, encodeURIComponent(SECRET), JSON.stringify(SECRET).slice(1, -1), SECRET.replace(/ /g, '+')];

function expectNoSecret(text: string, where: string): void {
  for (const form of leakedForms) expect(text.includes(form), `${where} contains the secret as ${form}`).toBe(false);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

it('a secret typed into a form never reaches output, stored results or the trace', async () => {
  const env = { LEAKY_SHOP_PASSWORD: SECRET };
  const list = await runCli(['run', '--target', shop.url], { cwd, env });
  const json = await runCli(['run', '--target', shop.url, '--reporter', 'json'], { cwd, env });
  const junit = await runCli(['run', '--target', shop.url, '--reporter', 'junit'], { cwd, env });

  // The journey really logged in with the secret and really failed with it in the message.
  expect(list.code).toBe(1);
  const report = JSON.parse(json.stdout) as { results: { steps: { status: string; logs?: string[]; error?: { message: string } }[] }[] };
  const [login, fail] = report.results[0]!.steps;
  expect(login?.status).toBe('passed');
  expect(login?.logs).toEqual(['[info] logged in with [redacted:SHOP_PASSWORD]']);
  expect(fail?.error?.message).toBe('wrong password: [redacted:SHOP_PASSWORD]');

  for (const [name, run] of Object.entries({ list, json, junit })) {
    expectNoSecret(run.stdout, `${name} stdout`);
    expectNoSecret(run.stderr, `${name} stderr`);
  }

  const store = await openStore(join(cwd, '.outpost', 'outpost.db'));
  const stored = await store.queryRuns({ journey: 'leaky-login' });
  await store.close();
  expect(stored).toHaveLength(3);
  expectNoSecret(JSON.stringify(stored), 'stored results');

  const files = await filesUnder(join(cwd, '.outpost'));
  const traces = files.filter((f) => f.endsWith('trace.zip'));
  expect(traces).toHaveLength(3);
  for (const file of files) {
    const bytes = await readFile(file);
    if (file.endsWith('.zip')) {
      for (const [entry, content] of Object.entries(unzipSync(new Uint8Array(bytes)))) {
        expectNoSecret(Buffer.from(content).toString('utf8'), `${file}:${entry}`);
      }
    } else {
      expectNoSecret(bytes.toString('utf8'), file);
    }
  }
});
