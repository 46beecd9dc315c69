// `npm run bench:telemetry-pauses`: what trace context injection costs one page, split in its two
// parts: the setup per page (a CDP session and `Fetch.enable`) and each first-party request that
// Chromium pauses for the headers. One warm browser and one demo shop; each repetition opens a
// fresh context and page, loads the home page, then times `--requests` sequential `fetch()` calls
// inside the page. Variants interleave (ABC, CBA, …) so that machine load hits them alike:
// - `plain`: no CDP session (what `telemetry.propagation: false` does);
// - `session`: a second CDP session attached, nothing enabled (the attach alone);
// - `injected`: `TraceContextInjector` as the runner uses it (session, `Fetch.enable`, headers).
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright';
import { TraceContextInjector } from '../../src/runner/trace-context-injector.js';
import { positiveInt } from '../runner/bench-options.js';
import { outpostLaunchOptions } from '../runner/browser-settings.js';
import { formatLoad } from '../runner/machine.js';
import { startShopProcess } from '../runner/shop-process.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const USAGE = 'usage: npm run bench:telemetry-pauses -- [--reps 24] [--requests 20]';
const VARIANTS = ['plain', 'session', 'injected'] as const;
type Variant = (typeof VARIANTS)[number];
const HEADERS = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'outpost=synthetic' };

interface Sample {
  variant: Variant;
  /** From the page existing to its requests being covered (0 for `plain`). */
  setupMs: number;
  /** Mean time of one `fetch('/api/products')`, measured in the page. */
  requestMs: number;
}

async function sample(browser: Browser, shopUrl: string, variant: Variant, requests: number): Promise<Sample> {
  const context = await browser.newContext({ baseURL: shopUrl });
  try {
    const page = await context.newPage();
    const started = performance.now();
    if (variant === 'session') await context.newCDPSession(page);
    if (variant === 'injected') await new TraceContextInjector({ origins: [shopUrl], headers: () => HEADERS }).watch(context, page);
    const setupMs = performance.now() - started;
    await page.goto('/');
    const totalMs = await page.evaluate(async (n) => {
      const t = performance.now();
      for (let i = 0; i < n; i++) await (await fetch('/api/products')).text();
      return performance.now() - t;
    }, requests);
    return { variant, setupMs, requestMs: totalMs / requests };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void process.stdout.write(`${USAGE}\n`);
  const { values } = parseArgs({ args: process.argv.slice(2), options: { reps: { type: 'string', default: '24' }, requests: { type: 'string', default: '20' } } });
  const reps = positiveInt(values.reps, '--reps', USAGE);
  const requests = positiveInt(values.requests, '--requests', USAGE);
  const shop = await startShopProcess(REPO_ROOT, 'bench-password');
  const browser = await chromium.launch(outpostLaunchOptions());
  const loadBefore = os.loadavg();
  const samples: Sample[] = [];
  try {
    for (const variant of VARIANTS) await sample(browser, shop.url, variant, requests); // warm-up, not counted
    for (let rep = 0; rep < reps; rep++) {
      for (const variant of rep % 2 === 0 ? VARIANTS : [...VARIANTS].reverse()) samples.push(await sample(browser, shop.url, variant, requests));
      process.stderr.write(`rep ${rep + 1}/${reps}, load ${os.loadavg()[0]!.toFixed(1)}\n`);
    }
  } finally {
    await browser.close();
    await shop.stop();
  }
  const of = (variant: Variant) => samples.filter((s) => s.variant === variant);
  const plainRequest = median(of('plain').map((s) => s.requestMs));
  const rows = VARIANTS.map((variant) => {
    const request = median(of(variant).map((s) => s.requestMs));
    return `| ${variant} | ${median(of(variant).map((s) => s.setupMs)).toFixed(1)} | ${request.toFixed(2)} | ${(request - plainRequest).toFixed(2)} |`;
  });
  const load = `load average before ${formatLoad(loadBefore)}, after ${formatLoad(os.loadavg())}`;
  process.stdout.write(`${reps} repetitions, ${requests} requests each\n\n| variant | setup per page, median ms | one request, median ms | vs plain, ms |\n| --- | ---: | ---: | ---: |\n${rows.join('\n')}\n\n${load}\n`);
  const resultsDir = path.join(REPO_ROOT, 'bench/results');
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `telemetry-pauses-${new Date().toISOString().replaceAll(':', '-')}.json`);
  await writeFile(file, `${JSON.stringify({ reps, requests, loadBefore, loadAfter: os.loadavg(), samples }, null, 2)}\n`);
  process.stdout.write(`results: ${path.relative(REPO_ROOT, file)}\n`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 2;
}
