import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import type { ResultLine } from '../../src/scoring/replay/index.js';
import { generateScenario } from './scenario.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** What one timed `outpost slo simulate` run over a generated file measured. */
export interface ReplayTiming {
  lines: number;
  journeys: number;
  fileMiB: number;
  wallMs: number;
  /** User + system CPU of the CLI process, sampled from /proc (null elsewhere); wall time suffers on a busy machine, CPU less. */
  cpuMs: number | null;
  transitions: number;
  exitCode: number | null;
}

/**
 * Writes 28 days × 3 locations × 1 run/min for `journeys` journeys (five two-journey
 * scenarios, renamed) as JSON Lines, then times the real CLI replaying it with --json.
 */
export async function timeReplay(journeys = 10, days = 28): Promise<ReplayTiming> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'outpost-replay-bench-'));
  const file = path.join(dir, 'runs.jsonl');
  try {
    const lines = await writeResults(file, journeys, days);
    const fileMiB = (await stat(file)).size / 2 ** 20;
    const started = performance.now();
    const { stdout, code, cpuMs } = await run(process.execPath, [path.join(REPO_ROOT, 'bin/outpost.js'), 'slo', 'simulate', '--results', file, '--json']);
    const wallMs = performance.now() - started;
    return { lines, journeys, fileMiB, wallMs, cpuMs, transitions: stdout.split('\n').filter(Boolean).length, exitCode: code };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeResults(file: string, journeys: number, days: number): Promise<number> {
  const out = createWriteStream(file);
  let lines = 0;
  for (let seed = 1; seed <= Math.ceil(journeys / 2); seed++) {
    const { runs } = generateScenario({ seed, days });
    const chunk: string[] = [];
    for (const run of runs) chunk.push(toJsonLine(run, `${run.journey}-${seed}`));
    lines += chunk.length;
    if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return lines;
}

function toJsonLine(run: ResultLine, journey: string): string {
  const { location, durationMs, status, attempts } = run;
  return JSON.stringify({ journey, location, startedAt: new Date(run.startedAtMs).toISOString(), durationMs, status, ...(attempts > 1 ? { attempts } : {}) });
}

function run(command: string, args: string[]): Promise<{ stdout: string; code: number | null; cpuMs: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let cpuMs: number | null = null;
    const sampler = setInterval(() => (cpuMs = cpuOf(child.pid) ?? cpuMs), 100);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      resolve({ stdout, code, cpuMs });
    });
  });
}

/** utime + stime of a live process in ms, from /proc (clock ticks of 10 ms); null when unreadable. */
function cpuOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
