// `npm run bench:runner`: the checkout journey N times against one demo shop, at each
// concurrency, through Outpost (trace default and off), raw Playwright and Playwright Test.
// Wall time and peak process-tree memory side by side; the table on stdout, JSON in bench/results/.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseBenchOptions, type BenchOptions } from './bench-options.js';
import { cpuSeconds, describeMachine, formatLoad } from './machine.js';
import { measureChild } from './measure-child.js';
import { ratioChecks, renderRatios, renderTable, type Measurement } from './report.js';
import { startShopProcess } from './shop-process.js';
import { VARIANTS, type Variant, type VariantName } from './variants.js';
import { verifiedRuns } from './verified-runs.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const SHOP_PASSWORD = 'bench-password';
const CHILD_TIMEOUT_MS = 60 * 60_000;

interface Slot {
  variant: VariantName;
  concurrency: number;
}

/**
 * Interleaved: each concurrency runs every variant once, and the order flips from one
 * concurrency to the next (A B C D, then D C B A), so drift in machine load is spread over all.
 */
function schedule(options: BenchOptions): Slot[] {
  return options.concurrencies.flatMap((concurrency, i) => {
    const order = i % 2 === 0 ? options.variants : [...options.variants].reverse();
    return order.map((variant) => ({ variant, concurrency }));
  });
}

async function measure(variant: Variant, slot: Slot, runs: number, shopUrl: string): Promise<Measurement> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), `outpost-bench-${variant.name}-`));
  const inputs = { repoRoot: REPO_ROOT, shopUrl, runs, concurrency: slot.concurrency, workDir };
  try {
    const command = variant.command(inputs);
    const env = { ...process.env, SHOP_PASSWORD, ...command.env };
    const harnessCpu = process.cpuUsage();
    const child = await measureChild({ command: process.execPath, args: command.args, cwd: REPO_ROOT, env, timeoutMs: CHILD_TIMEOUT_MS });
    const { passed, problem } = await verifiedRuns(child, runs, () => variant.verify(child, inputs));
    return {
      variant: variant.name,
      concurrency: slot.concurrency,
      runs,
      passed,
      wallMs: child.wallMs,
      peakPssKiB: child.peak.pssKiB,
      peakRssKiB: child.peak.rssKiB,
      peakProcesses: child.peak.processes,
      cpuSeconds: child.cpuSeconds,
      samples: { rss: child.peak.rssSamples, pss: child.peak.pssSamples },
      harnessCpuSeconds: cpuSeconds(process.cpuUsage(harnessCpu)),
      exitCode: child.exitCode,
      problem,
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const host = await describeMachine(REPO_ROOT);
  const shop = await startShopProcess(REPO_ROOT, SHOP_PASSWORD);
  const measurements: Measurement[] = [];
  const loadBefore = os.loadavg();
  try {
    const slots = schedule(options);
    for (const [i, slot] of slots.entries()) {
      progress(`[${i + 1}/${slots.length}] ${slot.variant} at concurrency ${slot.concurrency}, ${options.runs} runs…`);
      const m = await measure(VARIANTS[slot.variant], slot, options.runs, shop.url);
      progress(`  ${m.passed}/${m.runs} passed in ${(m.wallMs / 1000).toFixed(1)} s, peak PSS ${(m.peakPssKiB / 1024).toFixed(0)} MiB${m.problem === undefined ? '' : `\n  problem: ${m.problem}`}`);
      measurements.push(m);
    }
  } finally {
    await shop.stop();
  }
  const sorted = [...measurements].sort((a, b) => a.concurrency - b.concurrency || options.variants.indexOf(a.variant) - options.variants.indexOf(b.variant));
  const checks = ratioChecks(sorted);
  const load = { before: loadBefore, after: os.loadavg() };
  process.stdout.write(`${renderTable(sorted)}\n\n${renderRatios(checks)}\n\n`);
  process.stdout.write(`machine: ${JSON.stringify(host)}; load average before ${formatLoad(load.before)}, after ${formatLoad(load.after)}\n`);
  const resultsDir = path.join(REPO_ROOT, 'bench/results');
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `runner-${new Date().toISOString().replaceAll(':', '-')}.json`);
  await writeFile(file, `${JSON.stringify({ options, machine: host, load, measurements: sorted, checks }, null, 2)}\n`);
  process.stdout.write(`results: ${path.relative(REPO_ROOT, file)}\n`);
  // Goals missed are findings, not errors; a variant that did not complete every run makes the numbers void.
  if (measurements.some((m) => m.passed < m.runs)) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 2;
}
