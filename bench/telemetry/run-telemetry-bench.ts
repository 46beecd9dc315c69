// `npm run bench:telemetry`: what telemetry costs the checkout journey. `outpost run` of
// journeys/checkout.journey.ts with telemetry fully on (spans, network spans, traceparent
// propagation, metrics, exported over OTLP/HTTP to a real collector on loopback) against
// telemetry off, in interleaved batches (off-on, on-off, …), both with `trace: 'off'`.
// The tables on stdout, JSON in bench/results/.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import checkout from '../../journeys/checkout.journey.js';
import { startOtlpReceiver, type OtlpReceiver } from '../../test/helpers/otlp-receiver.js';
import { cpuSeconds, describeMachine, formatLoad } from '../runner/machine.js';
import { measureChild } from '../runner/measure-child.js';
import { startShopProcess } from '../runner/shop-process.js';
import { outpostRunArgs, verifyOutpostReport, type OutpostReport } from '../runner/variants.js';
import { verifiedRuns } from '../runner/verified-runs.js';
import { USAGE, parseTelemetryBenchOptions, type TelemetryBenchOptions } from './telemetry-bench-options.js';
import { renderComparison, renderMeasurements, summarise, type SideMeasurement } from './telemetry-report.js';
import { batchOrder, drainReceiver, sideEnv, telemetryProblem, type Side } from './telemetry-sides.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const CONFIG = 'bench/telemetry/telemetry.outpost.config.ts';
const SHOP_PASSWORD = 'bench-password';
const CHILD_TIMEOUT_MS = 30 * 60_000;
const LOAD_SAMPLE_MS = 5_000;

interface BatchInputs {
  batch: number;
  side: Side;
  runs: number;
  options: TelemetryBenchOptions;
  shopUrl: string;
  receiver: OtlpReceiver;
}

async function measureSide({ batch, side, runs, options, shopUrl, receiver }: BatchInputs): Promise<SideMeasurement> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), `outpost-bench-telemetry-${side}-`));
  try {
    drainReceiver(receiver);
    const args = outpostRunArgs({ shopUrl, runs, concurrency: options.concurrency, workDir, configFile: CONFIG });
    const env = { ...sideEnv(side, receiver.url, process.env), SHOP_PASSWORD };
    const harnessCpu = process.cpuUsage();
    const loadStart = os.loadavg()[0]!;
    const child = await measureChild({ command: process.execPath, args, cwd: REPO_ROOT, env, timeoutMs: CHILD_TIMEOUT_MS });
    const load1 = { start: loadStart, end: os.loadavg()[0]! };
    const harnessCpuSeconds = cpuSeconds(process.cpuUsage(harnessCpu));
    const { passed, problem } = await verifiedRuns(child, runs, async () => verifyOutpostReport(child.stdout));
    const received = drainReceiver(receiver);
    const telemetry = telemetryProblem(side, passed, checkout.steps.length, received);
    return {
      batch, side, runs, passed, wallMs: child.wallMs, cpuSeconds: child.cpuSeconds,
      runDurationsMs: runDurations(child.stdout), load1, harnessCpuSeconds, received,
      problem: [problem, telemetry].filter((p) => p !== undefined).join('; ') || undefined,
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function runDurations(stdout: string): number[] {
  try {
    return (JSON.parse(stdout) as OutpostReport).results.filter((r) => r.status === 'passed').map((r) => r.durationMs);
  } catch {
    return [];
  }
}

/** The 1-minute load average every few seconds, for the whole benchmark. */
function sampleLoad(): { stop(): number[] } {
  const samples = [os.loadavg()[0]!];
  const timer = setInterval(() => samples.push(os.loadavg()[0]!), LOAD_SAMPLE_MS);
  return { stop: () => (clearInterval(timer), samples) };
}

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void process.stdout.write(`${USAGE}\n`);
  const options = parseTelemetryBenchOptions(process.argv.slice(2));
  const runsPerBatch = options.runs / options.batches;
  const host = await describeMachine(REPO_ROOT);
  const receiver = await startOtlpReceiver();
  const shop = await startShopProcess(REPO_ROOT, SHOP_PASSWORD);
  const load = sampleLoad();
  const loadBefore = os.loadavg();
  const measurements: SideMeasurement[] = [];
  try {
    for (let batch = 1; batch <= options.batches; batch++) {
      for (const side of batchOrder(options.sides, batch - 1)) {
        progress(`[batch ${batch}/${options.batches}] ${side}, ${runsPerBatch} runs at concurrency ${options.concurrency}…`);
        const m = await measureSide({ batch, side, runs: runsPerBatch, options, shopUrl: shop.url, receiver });
        progress(`  ${m.passed}/${m.runs} passed in ${(m.wallMs / 1000).toFixed(1)} s, ${m.cpuSeconds?.toFixed(1) ?? '–'} CPU s, load ${m.load1.end.toFixed(1)}${m.problem === undefined ? '' : `\n  problem: ${m.problem}`}`);
        measurements.push(m);
      }
    }
  } finally {
    await shop.stop();
    await receiver.close();
  }
  const loadSamples = load.stop();
  const comparisons = summarise(measurements);
  const loadLine = `load average (1 min) during the run: min ${Math.min(...loadSamples).toFixed(1)}, median ${[...loadSamples].sort((a, b) => a - b)[Math.floor(loadSamples.length / 2)]!.toFixed(1)}, max ${Math.max(...loadSamples).toFixed(1)}; before ${formatLoad(loadBefore)}, after ${formatLoad(os.loadavg())}`;
  process.stdout.write(`${renderMeasurements(measurements)}\n\n${comparisons.map(renderComparison).join('\n\n')}\n\n${loadLine}\nmachine: ${JSON.stringify(host)}\n`);
  const resultsDir = path.join(REPO_ROOT, 'bench/results');
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `telemetry-${new Date().toISOString().replaceAll(':', '-')}.json`);
  await writeFile(file, `${JSON.stringify({ options, machine: host, loadSamples, measurements, comparisons }, null, 2)}\n`);
  process.stdout.write(`results: ${path.relative(REPO_ROOT, file)}\n`);
  // An overhead over the goal is a finding; a side that failed runs or lost telemetry voids the numbers.
  if (measurements.some((m) => m.problem !== undefined)) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 2;
}
