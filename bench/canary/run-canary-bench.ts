// `npm run bench:canary`: repeated canary analyses per case against two demo shops, at the
// default run count. False-fail rate with identical instances, detection rate for a 20% checkout
// failure rate and for +400 ms on search, and wall time per analysis. API-only journeys (the
// same endpoints the browser journeys drive) keep 60 analyses tractable on two cores.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CANARY_RUNS, runCanary, type Verdict } from '../../src/canary/index.js';
import { startDemoShop } from '../../src/demo-shop/index.js';
import { BrowserPool } from '../../src/runner/index.js';
import apiCheckout from '../../test/canary/fixtures/journeys/api-checkout.journey.js';
import apiSearch from '../../test/canary/fixtures/journeys/api-search.journey.js';
import { BENCH_CASES, type BenchCase } from './canary-cases.js';
import { renderCanaryTable, type CaseSummary, type Repetition } from './canary-report.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'bench-password';

const { values } = parseArgs({ options: { reps: { type: 'string', default: '20' }, runs: { type: 'string', default: String(DEFAULT_CANARY_RUNS) }, cases: { type: 'string' } } });
const reps = Number(values.reps);
const runs = Number(values.runs);
const cases = values.cases === undefined ? BENCH_CASES : BENCH_CASES.filter((c) => values.cases!.split(',').includes(c.name));

async function repetition(benchCase: BenchCase, rep: number, pool: BrowserPool, dir: string): Promise<Repetition> {
  // A fresh pair per repetition, each with its own seed: the 20% failures fall differently every time.
  const seed = 1000 + rep;
  const [baseline, canary] = await Promise.all([
    startDemoShop({ port: 0, password: PASSWORD, faults: [], seed }),
    startDemoShop({ port: 0, password: PASSWORD, faults: benchCase.faults, seed }),
  ]);
  try {
    const session = await runCanary({
      run: { location: 'bench', pool, timeouts: { journeyMs: 30_000, stepMs: 10_000 }, artifacts: { dir, trace: 'off', screenshot: 'off' }, secrets: { SHOP_PASSWORD: PASSWORD } },
      journeys: [apiCheckout, apiSearch],
      concurrency: 2,
      baseline: { name: 'baseline', baseURL: baseline.url },
      canary: { name: 'canary', baseURL: canary.url },
      runs,
    });
    return { verdict: session.analysis.verdict, correct: benchCase.correct(session), wallMs: session.durationMs, neededRunsPerSide: session.analysis.neededRunsPerSide ?? undefined, reason: session.analysis.reason };
  } finally {
    await Promise.all([baseline.close(), canary.close()]);
  }
}

function summarise(benchCase: BenchCase, repetitions: Repetition[]): CaseSummary {
  const verdicts: Partial<Record<Verdict, number>> = {};
  for (const r of repetitions) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
  const walls = repetitions.map((r) => r.wallMs).sort((a, b) => a - b);
  return {
    case: benchCase.name,
    reps: repetitions.length,
    correct: repetitions.filter((r) => r.correct).length,
    verdicts,
    medianWallMs: walls[Math.floor(walls.length / 2)] ?? 0,
    maxWallMs: walls.at(-1) ?? 0,
    repetitions,
  };
}

async function main(): Promise<void> {
  const pool = new BrowserPool({});
  const dir = await mkdtemp(path.join(os.tmpdir(), 'outpost-canary-bench-'));
  const summaries: CaseSummary[] = [];
  try {
    // Cases alternate within each repetition, so machine load drifting over the run hits all three.
    const byCase = new Map<BenchCase, Repetition[]>(cases.map((c) => [c, []]));
    for (let rep = 0; rep < reps; rep++) {
      for (const benchCase of rep % 2 === 0 ? cases : [...cases].reverse()) {
        const result = await repetition(benchCase, rep, pool, dir);
        byCase.get(benchCase)!.push(result);
        process.stderr.write(`${benchCase.name} #${rep + 1}: ${result.verdict} ${result.correct ? 'correct' : 'WRONG'} in ${(result.wallMs / 1000).toFixed(1)}s\n`);
      }
    }
    for (const [benchCase, repetitions] of byCase) summaries.push(summarise(benchCase, repetitions));
  } finally {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  }
  const machine = { cpus: os.cpus().length, loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))), node: process.version, commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim() };
  process.stdout.write(`${renderCanaryTable(summaries, runs)}\n`);
  const resultsDir = path.join(REPO_ROOT, 'bench', 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `canary-${new Date().toISOString().replace(/:/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify({ machine, runsPerSide: runs, reps, summaries }, null, 2)}\n`);
  process.stdout.write(`\nmachine: ${JSON.stringify(machine)}\nresults: ${path.relative(REPO_ROOT, file)}\n`);
}

await main();
