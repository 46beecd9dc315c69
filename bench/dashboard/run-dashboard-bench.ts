/**
 * bench:dashboard — how long the dashboard takes server-side to answer the SLO board (HTML and JSON),
 * and a journey, run and runs page, over a store with 1,000 CUJs × 3 locations and 28 days of history.
 *
 *   npm run bench:dashboard -- [--cujs 1000] [--days 28] [--repeat 20] [--cold 5] [--keep <file>]
 *
 * `--keep <file>` seeds that SQLite file once (about 5 minutes on a loaded 2-core machine) and reuses it
 * on later runs with the same options; without it, a temporary store is seeded and deleted.
 *
 * The store is seeded as bench:scale seeds it (`seed-rollups.ts`): the rollup tables as `outpost serve`
 * leaves them after 28 days of 1 run/min per CUJ and location (121 M results, written straight into
 * the tables since saving them would take hours), plus one day of raw runs of one CUJ for the journey
 * and run pages. One default SLO per CUJ (99.5% over 28 days, default tiers).
 *
 * Requests go through the app's fetch handler in process (no network): the time is what the server
 * spends. Each request is timed in wall time and in this process's CPU time (JavaScript and SQLite),
 * since the machine may be shared; the load average is printed. Measured:
 * - the board with its evaluation cached (what every request within a refresh interval pays);
 * - the board on a cold cache (a fresh app each time: evaluate every SLO, then render), what the
 *   one reload per refresh interval costs, in the background once pages are polling;
 * - `evaluateSlos` alone, for comparison with bench:scale.
 * Markdown on stdout, for BENCHMARKS.md "## Dashboard".
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Redactor } from '../../src/config/index.js';
import { evaluateSlos } from '../../src/evaluation/index.js';
import type { JourneyResult } from '../../src/journey/index.js';
import { defaultSlo, resolveSlo } from '../../src/scoring/index.js';
import { createDashboardApp, storeAlertSource } from '../../src/server/index.js';
import { openStore, type ResultStore } from '../../src/store/index.js';
import { seedRollups } from '../scale/seed-rollups.js';

const { values } = parseArgs({
  options: {
    cujs: { type: 'string', default: '1000' },
    days: { type: 'string', default: '28' },
    repeat: { type: 'string', default: '20' },
    cold: { type: 'string', default: '5' },
    keep: { type: 'string' },
  },
});
const CUJS = Number(values.cujs);
const DAYS = Number(values.days);
const REPEAT = Number(values.repeat);
const COLD = Number(values.cold);
const GOAL_MS = 200;
const MINUTE = 60_000;

interface Timing {
  label: string;
  wall: number[];
  cpu: number[];
  bytes: number;
}

const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');
const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();

async function measure(label: string, times: number, request: () => Response | number | Promise<Response | number>): Promise<Timing> {
  const timing: Timing = { label, wall: [], cpu: [], bytes: 0 };
  for (let i = 0; i < times; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const response = await request();
    const body = typeof response === 'number' ? '' : await response.text();
    timing.wall.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    timing.cpu.push((cpu.user + cpu.system) / 1000);
    if (typeof response !== 'number' && response.status !== 200) throw new Error(`${label}: HTTP ${response.status}`);
    timing.bytes = typeof response === 'number' ? response : body.length;
  }
  process.stderr.write(`${label}: median ${quantile(timing.wall, 0.5).toFixed(0)} ms wall, ${quantile(timing.cpu, 0.5).toFixed(0)} ms CPU (load ${load()})\n`);
  return timing;
}

function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** One day of raw runs of `cuj-1`, 1 a minute per location, 2% failed, for the journey and run pages. */
function rawRuns(nowMs: number): JourneyResult[] {
  const runs: JourneyResult[] = [];
  for (let i = 0; i < 1440; i++) {
    for (const [l, location] of ['eu-west', 'us-east', 'ap-south'].entries()) {
      const startedAtMs = nowMs - i * MINUTE - 30_000 - l * 5_000;
      const failed = (i * 3 + l) % 50 === 0;
      const startedAt = new Date(startedAtMs).toISOString();
      runs.push({
        id: `cuj-1-${location}-${i}`,
        journey: 'cuj-1',
        cuj: { id: 'cuj-1' },
        location,
        target: { name: 'production', url: 'https://shop.example.com' },
        startedAt,
        durationMs: 1_200 + (i % 13) * 40,
        status: failed ? 'failed' : 'passed',
        attempt: 1,
        steps: [
          { index: 0, name: 'open', soft: false, status: 'passed', startedAt, durationMs: 500 },
          { index: 1, name: 'pay', soft: false, status: failed ? 'failed' : 'passed', startedAt, durationMs: 700 + (i % 13) * 40, ...(failed ? { error: { message: 'timeout 5000ms' } } : {}) },
        ],
        artifacts: {},
        tags: [],
      });
    }
  }
  return runs;
}

function row(t: Timing): string {
  const med = quantile(t.wall, 0.5);
  const p95 = quantile(t.wall, 0.95);
  const cpuMed = quantile(t.cpu, 0.5);
  const cpuP95 = quantile(t.cpu, 0.95);
  return `| ${t.label} | ${t.wall.length} | ${med.toFixed(0)} ms | ${p95.toFixed(0)} ms | ${cpuMed.toFixed(0)} ms | ${cpuP95.toFixed(0)} ms | ${(t.bytes / 1024).toFixed(0)} KiB |`;
}

/** The instant `seedRollups` evaluates at. */
const SEEDED_NOW_MS = Date.UTC(2025, 5, 1, 9, 37, 30);

async function seed(file: string): Promise<number> {
  const started = performance.now();
  const nowMs = await seedRollups(file, { journeys: CUJS, days: DAYS });
  if (nowMs !== SEEDED_NOW_MS) throw new Error('seedRollups changed its instant: update SEEDED_NOW_MS');
  const store = await openStore(file);
  try {
    await store.saveRuns(rawRuns(nowMs));
  } finally {
    await store.close();
  }
  process.stderr.write(`seeded ${CUJS} CUJs × 3 locations × ${DAYS} days in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  return nowMs;
}

function appOver(store: ResultStore, nowMs: number, refreshMs: number) {
  const slos = Array.from({ length: CUJS }, (_, j) => resolveSlo(defaultSlo(`cuj-${j}`)));
  // As `outpost ui` sets it up: the store's alerts, no channels, and a redactor (every answer is redacted).
  const redactor = new Redactor({ API_TOKEN: 'bench-secret-value-0123456789' });
  return createDashboardApp({ store, resultsDir: tmpdir(), access: { kind: 'open' }, slos, alerts: storeAlertSource(store.alerts), alertChannels: [], redactor, now: () => nowMs, refreshMs });
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'outpost-bench-dashboard-'));
  const file = values.keep ?? join(dir, 'outpost.db');
  const out: string[] = [];
  try {
    const nowMs = values.keep !== undefined && existsSync(file) ? SEEDED_NOW_MS : await seed(file);
    const store = await openStore(file);
    try {
      const before = uptime();
      // A refresh interval longer than the run: every warm request is served from the one evaluation.
      const warm = appOver(store, nowMs, 3_600_000);
      const first = await measure('first board request (cold)', 1, () => warm.request('/api/v1/board'));
      const board = (await (await warm.request('/api/v1/board')).json()) as { rows: unknown[]; counts: Record<string, number> };
      if (board.rows.length !== CUJS) throw new Error(`the board has ${board.rows.length} rows, expected ${CUJS}`);
      const timings = [
        await measure('`GET /api/v1/board` (evaluation cached)', REPEAT, () => warm.request('/api/v1/board')),
        await measure('`GET /` board HTML (evaluation cached)', REPEAT, () => warm.request('/')),
        await measure('`GET /api/v1/board` (cold: evaluate + render)', COLD, () => appOver(store, nowMs, 3_600_000).request('/api/v1/board')),
        await measure('`GET /` board HTML (cold: evaluate + render)', COLD, () => appOver(store, nowMs, 3_600_000).request('/')),
        await measure('`evaluateSlos` alone (burn-down included)', COLD, async () => (await evaluateSlos({ store, slos: Array.from({ length: CUJS }, (_, j) => resolveSlo(defaultSlo(`cuj-${j}`))), nowMs, burnDown: true })).length),
        await measure('`GET /journeys/cuj-1?hours=24` (4,320 runs)', REPEAT, () => warm.request('/journeys/cuj-1?hours=24')),
        await measure('`GET /runs/cuj-1-eu-west-0`', REPEAT, () => warm.request('/runs/cuj-1-eu-west-0')),
        await measure('`GET /api/v1/runs?limit=50`', REPEAT, () => warm.request('/api/v1/runs?limit=50')),
        await measure('`GET /alerts`', REPEAT, () => warm.request('/alerts')),
      ];
      out.push(
        `${CUJS} CUJs × 3 locations × ${DAYS} days (one default SLO each: ${Object.entries(board.counts).map(([k, v]) => `${v} ${k}`).join(', ')}); ${cpus().length} cores.`,
        '',
        `before: \`${before}\``,
        '',
        '| request | n | wall median | wall p95 | CPU median | CPU p95 | size |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
        row(first),
        ...timings.map(row),
        '',
        `after: \`${uptime()}\``,
        '',
        verdict(timings),
      );
    } finally {
      await store.close();
    }
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** PASS/MISS of the ≤ 200 ms goal for the cached board, in wall time and in CPU time. */
function verdict(timings: readonly Timing[]): string {
  const cached = timings.filter((t) => t.label.includes('cached'));
  const wall = Math.max(...cached.map((t) => quantile(t.wall, 0.95)));
  const cpu = Math.max(...cached.map((t) => quantile(t.cpu, 0.95)));
  return `Goal ≤ ${GOAL_MS} ms server-side for the board (HTML and JSON, evaluation cached), p95: wall ${wall.toFixed(0)} ms → **${wall <= GOAL_MS ? 'PASS' : 'MISS'}**; CPU ${cpu.toFixed(0)} ms → **${cpu <= GOAL_MS ? 'PASS' : 'MISS'}**.`;
}

await main();
