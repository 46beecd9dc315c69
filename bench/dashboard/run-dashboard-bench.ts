/**
 * bench:dashboard — how long the dashboard takes server-side to answer the board (HTML and JSON),
 * a journey page and a run page over a store with many CUJs and weeks of history.
 *
 *   npm run bench:dashboard -- [--cujs 1000] [--days 28] [--runs-per-hour 1] [--repeat 3]
 *
 * Seeds a fresh SQLite store (one run per CUJ every 60/runs-per-hour minutes over the days, 2%
 * failed, one step each), then times each request through the app's fetch handler, in process
 * (no network), and prints the median and max of `repeat` tries with the machine load.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { JourneyResult } from '../../src/journey/index.js';
import { defaultSlo, resolveSlo } from '../../src/scoring/index.js';
import { createDashboardApp } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

const CUJS = option('cujs', 1000);
const DAYS = option('days', 28);
const RUNS_PER_HOUR = option('runs-per-hour', 1);
const REPEAT = option('repeat', 3);
const NOW = Date.UTC(2025, 5, 1, 12, 0);
const STEP_MS = 3_600_000 / RUNS_PER_HOUR;

function run(cuj: number, i: number): JourneyResult {
  const startedAtMs = NOW - i * STEP_MS - (cuj % 60) * 1000;
  const failed = (cuj * 7 + i) % 50 === 0;
  const startedAt = new Date(startedAtMs).toISOString();
  return {
    id: `c${cuj}-r${i}`,
    journey: `cuj-${String(cuj).padStart(4, '0')}`,
    cuj: { id: `cuj-${cuj}` },
    location: i % 2 === 0 ? 'eu-west' : 'us-east',
    target: { name: 'production', url: 'https://shop.example.com' },
    startedAt,
    durationMs: 900 + (i % 13) * 30,
    status: failed ? 'failed' : 'passed',
    attempt: 1,
    steps: [{ index: 0, name: 'open', soft: false, status: failed ? 'failed' : 'passed', startedAt, durationMs: 800, ...(failed ? { error: { message: 'timeout' } } : {}) }],
    artifacts: {},
    tags: [],
  };
}

async function time(label: string, request: () => Response | Promise<Response>): Promise<void> {
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < REPEAT; i++) {
    const started = performance.now();
    const response = await request();
    const body = await response.text();
    samples.push(performance.now() - started);
    bytes = body.length;
    if (response.status !== 200) throw new Error(`${label}: HTTP ${response.status}`);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  console.log(`${label.padEnd(28)} median ${median.toFixed(0).padStart(7)} ms   max ${samples.at(-1)!.toFixed(0).padStart(7)} ms   ${(bytes / 1024).toFixed(0)} KiB`);
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'outpost-bench-dashboard-'));
  const store = await openStore(join(dir, 'outpost.db'));
  try {
    const perCuj = DAYS * 24 * RUNS_PER_HOUR;
    console.log(`seeding ${CUJS} CUJs × ${DAYS} days × ${RUNS_PER_HOUR} run/h = ${(CUJS * perCuj).toLocaleString('en')} runs`);
    const seedStarted = performance.now();
    for (let cuj = 0; cuj < CUJS; cuj++) await store.saveRuns(Array.from({ length: perCuj }, (_, i) => run(cuj, i)));
    console.log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
    const journeys = Array.from({ length: CUJS }, (_, cuj) => `cuj-${String(cuj).padStart(4, '0')}`);
    const app = createDashboardApp({ store, resultsDir: dir, access: { kind: 'open' }, slos: journeys.map((j) => resolveSlo(defaultSlo(j))), now: () => NOW });
    await time('GET /api/v1/board', () => app.request('/api/v1/board'));
    await time('GET / (board HTML)', () => app.request('/'));
    await time('GET /journeys/cuj-0001', () => app.request('/journeys/cuj-0001?hours=24'));
    await time('GET /runs/c1-r0', () => app.request('/runs/c1-r0'));
    await time('GET /api/v1/runs?limit=50', () => app.request('/api/v1/runs?limit=50'));
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
