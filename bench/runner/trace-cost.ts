// What Outpost's default `trace: 'on-failure'` costs a passing run, split by trace option:
//   node --import tsx bench/runner/trace-cost.ts [--runs 30] [--concurrency 2] [--rounds 2]
// Runs raw-playwright.ts with each `--trace` mode, interleaved over rounds, against one shop.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measureChild } from './measure-child.js';
import { startShopProcess } from './shop-process.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const MODES = ['none', 'snapshots', 'screenshots', 'both'] as const;
const PASSWORD = 'bench-password';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' }, concurrency: { type: 'string', default: '2' }, rounds: { type: 'string', default: '2' } } });
const shop = await startShopProcess(REPO_ROOT, PASSWORD);
const rows: string[] = [];
try {
  for (let round = 1; round <= Number(values.rounds); round++) {
    // Flip the order each round so that load drift does not favour one mode.
    for (const mode of round % 2 === 1 ? MODES : [...MODES].reverse()) {
      const args = ['--import', 'tsx', 'bench/runner/raw-playwright.ts', '--target', shop.url, '--runs', values.runs, '--concurrency', values.concurrency, '--trace', mode];
      const child = await measureChild({ command: process.execPath, args, cwd: REPO_ROOT, env: { ...process.env, SHOP_PASSWORD: PASSWORD }, timeoutMs: 30 * 60_000 });
      const { passed } = JSON.parse(child.stdout) as { passed: number };
      const cpu = child.cpuSeconds === undefined ? '–' : (child.cpuSeconds / passed).toFixed(2);
      rows.push(`| ${round} | ${mode} | ${passed}/${values.runs} | ${(child.wallMs / 1000).toFixed(1)} | ${cpu} | ${(child.peak.pssKiB / 1024).toFixed(0)} |`);
      process.stderr.write(`${rows.at(-1)}\n`);
    }
  }
} finally {
  await shop.stop();
}
process.stdout.write(['| round | trace | runs passed | wall s | CPU s/run | peak PSS MiB |', '| ---: | --- | ---: | ---: | ---: | ---: |', ...rows].join('\n') + '\n');
