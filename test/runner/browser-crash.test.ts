import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { journey, step } from '../../src/index.js';
import { startRunnerHarness, type RunnerHarness } from '../helpers/runner-harness.js';

let h: RunnerHarness;
beforeAll(async () => {
  h = await startRunnerHarness();
});
afterAll(async () => {
  await h.close();
});

/** The browser processes this test process launched (Playwright spawns Chromium as a direct child). */
function browserChildren(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, comm]) => comm !== undefined && /chrom/i.test(comm))
    .map(([pid]) => Number(pid));
}

it('a browser killed mid-run fails that run clearly; the next run relaunches and passes', async () => {
  let reachedMiddle!: () => void;
  const middle = new Promise<void>((resolve) => (reachedMiddle = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));

  const crashing = h.run(
    journey({
      name: 'crash',
      steps: [
        step('open home', async ({ page }) => {
          await page.goto('/');
          reachedMiddle();
        }),
        step('use the page after the kill', async ({ page }) => {
          await released;
          await page.goto('/cart');
        }),
        step('never runs', async ({ page }) => {
          await page.goto('/');
        }),
      ],
    }),
  );
  await middle;
  const pids = browserChildren();
  expect(pids.length).toBeGreaterThan(0);
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  // Give Playwright a moment to notice the disconnect before the step touches the page.
  await new Promise((resolve) => setTimeout(resolve, 300));
  release();
  const crashed = await crashing;

  expect(crashed.status).toBe('error');
  expect(crashed.error?.message).toMatch(/^browser crashed: .*step "use the page after the kill"/);
  expect(crashed.steps.map((s) => s.status)).toEqual(['passed', 'failed', 'skipped']);

  const next = await h.run(journey({ name: 'after-crash', steps: [step('open home', async ({ page }) => { await page.goto('/'); })] }));
  expect(next.status).toBe('passed');
  expect(h.pool.getStats()).toMatchObject({ launches: 2, restarts: 1, recycles: 0 });
});
