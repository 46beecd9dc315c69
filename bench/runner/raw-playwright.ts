// The floor: plain Playwright, one browser, a fresh context per run, p-limit k. Run as a child:
//   node --import tsx bench/runner/raw-playwright.ts --target <url> --runs N --concurrency k [--trace MODE]
// Prints `{ runs, passed, failures }` as JSON on stdout; exits 1 unless every run passed.
// `--trace` (trace-cost.ts) records a trace per run and discards it, as Outpost's `on-failure`
// does for a passing run: `snapshots`, `screenshots` or `both` (Outpost's options); default none.
import pLimit from 'p-limit';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright';
import checkout from '../../journeys/checkout.journey.js';
import { outpostLaunchOptions, repoContextOptions } from './browser-settings.js';
import { runJourneySteps, shopSecrets } from './journey-steps.js';

const { values } = parseArgs({
  options: { target: { type: 'string' }, runs: { type: 'string' }, concurrency: { type: 'string' }, trace: { type: 'string', default: 'none' } },
});
const target = values.target ?? '';
const runs = Number(values.runs);
const concurrency = Number(values.concurrency);
const trace = { screenshots: ['screenshots', 'both'].includes(values.trace), snapshots: ['snapshots', 'both'].includes(values.trace) };
const tracing = trace.screenshots || trace.snapshots;
// Outpost bounds every action by the step timeout; do the same so a hung run fails alike.
const ACTION_TIMEOUT_MS = 15_000;

async function runOnce(browser: Browser): Promise<void> {
  const context = await browser.newContext({ ...repoContextOptions(), baseURL: target });
  try {
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    if (tracing) await context.tracing.start(trace);
    const page = await context.newPage();
    await runJourneySteps(checkout, { page, context, target: { name: 'demo-shop', baseURL: target }, secrets: shopSecrets() });
    if (tracing) await context.tracing.stop();
  } finally {
    await context.close();
  }
}

const browser = await chromium.launch(outpostLaunchOptions());
const limit = pLimit(concurrency);
const failures: string[] = [];
const outcomes = await Promise.all(
  Array.from({ length: runs }, () =>
    limit(() =>
      runOnce(browser).then(
        () => true,
        (error: unknown) => {
          failures.push(String(error).split('\n')[0] ?? '');
          return false;
        },
      ),
    ),
  ),
);
await browser.close();
const passed = outcomes.filter(Boolean).length;
process.stdout.write(`${JSON.stringify({ runs, passed, failures: failures.slice(0, 5) })}\n`);
process.exitCode = passed === runs ? 0 : 1;
