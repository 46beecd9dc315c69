// `npm run bench:soak [-- --runs 10000]`: `outpost serve` against the demo shop with a fast schedule
// (browser and API journeys every second) until it has finished N runs. Samples the memory of serve
// plus its Chromium tree, the browser's open contexts and pages, missed slots and schedule lag; then
// judges growth after warm-up. Markdown on stdout, every sample as JSON in bench/results/.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/index.js';
import { ProcessTreeWalker } from '../runner/process-tree-memory.js';
import { startShopProcess } from '../runner/shop-process.js';
import { parseSoakOptions, type SoakOptions } from './soak-options.js';
import { analyseSoak, renderSoak } from './soak-report.js';
import { SoakSampler, type SoakSample } from './soak-sampler.js';
import { writeSoakProject } from './soak-project.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const CLOCK_TICKS = 100;

interface Serve {
  child: ChildProcess;
  url: string;
}

async function startServe(dir: string, options: SoakOptions): Promise<Serve> {
  const log = createWriteStream(path.join(dir, 'serve.log'));
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/outpost.js'), 'serve', '--port', '0', '--recycle-after', String(options.recycleAfter)], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let head = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not listen within 60 s:\n${head}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${head}`)));
    child.stderr!.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (head.length < 100_000) head += chunk.toString('utf8');
      const match = /serve\.listening url=(\S+)/.exec(head);
      if (match === null) return;
      clearTimeout(timer);
      resolve(match[1]!);
    });
  });
  return { child, url };
}

/** CPU seconds of the live tree, including reaped descendants (their time is in their reaper's cutime/cstime). */
function treeCpuSeconds(walker: ProcessTreeWalker): number {
  let ticks = 0;
  for (const pid of walker.pids()) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // After "pid (comm) ": state is field 0, utime 11, stime 12, cutime 13, cstime 14.
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // exited
    }
  }
  return ticks / CLOCK_TICKS;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function soak(options: SoakOptions, dir: string, shopUrl: string): Promise<{ samples: SoakSample[]; cpu: { warmEndS: number; endS: number; warmEndAtMs: number }; stored: number; loads: number[] }> {
  await writeSoakProject(dir, REPO_ROOT, options, shopUrl);
  const serve = await startServe(dir, options);
  const startedAt = Date.now();
  const sampler = new SoakSampler(serve.child.pid!, serve.url, startedAt, options.pssEvery);
  const walker = new ProcessTreeWalker(serve.child.pid!);
  const samples: SoakSample[] = [];
  const loads: number[] = [];
  const warmupRuns = options.runs * options.warmupShare;
  let cpuAtWarmEnd: { s: number; atMs: number } | undefined;
  let lastReport = 0;
  while ((samples.at(-1)?.runs ?? 0) < options.runs) {
    await sleep(options.sampleEveryMs);
    const sample = await sampler.sample();
    samples.push(sample);
    loads.push(os.loadavg()[0]!);
    if (cpuAtWarmEnd === undefined && sample.runs >= warmupRuns) cpuAtWarmEnd = { s: treeCpuSeconds(walker), atMs: sample.atMs };
    if (sample.atMs - lastReport >= 60_000) {
      lastReport = sample.atMs;
      console.error(`[soak] ${(sample.atMs / 60_000).toFixed(1)} min: ${sample.runs}/${options.runs} runs, tree RSS ${(sample.rssKiB / 1024).toFixed(0)} MiB, ${sample.processes} processes, contexts ${sample.contexts}, pages ${sample.pages}, missed ${JSON.stringify(sample.missed)}, load ${os.loadavg()[0]!.toFixed(1)}`);
    }
  }
  const cpuEnd = treeCpuSeconds(walker);
  serve.child.kill('SIGTERM');
  await once(serve.child, 'exit');
  const store = await openStore(path.join(dir, 'soak.db'));
  const stored = await store.countRuns();
  await store.close();
  return { samples, cpu: { warmEndS: cpuAtWarmEnd?.s ?? 0, endS: cpuEnd, warmEndAtMs: cpuAtWarmEnd?.atMs ?? 0 }, stored, loads };
}

async function main(): Promise<void> {
  const options = parseSoakOptions(process.argv.slice(2));
  const shop = await startShopProcess(REPO_ROOT, 'soak-password');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'outpost-soak-'));
  console.error(`[soak] ${options.runs} runs; project and serve.log in ${dir}`);
  try {
    const { samples, cpu, stored, loads } = await soak(options, dir, shop.url);
    const analysis = analyseSoak(samples, options.warmupShare);
    const last = samples.at(-1)!;
    const steadyS = (last.atMs - cpu.warmEndAtMs) / 1000;
    const steadyRuns = last.runs - (samples.find((s) => s.atMs >= cpu.warmEndAtMs)?.runs ?? 0);
    const facts = {
      command: `npm run bench:soak -- ${process.argv.slice(2).join(' ') || '(defaults)'}`,
      journeys: `${options.browserJourneys} browser + ${options.apiJourneys} API, each every ${options.everyS}s, concurrency ${options.concurrency}, browser recycled every ${options.recycleAfter} runs`,
      machine: `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; load average during the soak ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} (mean ${(loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(1)})`,
      duration: `${(last.atMs / 60_000).toFixed(1)} min, ${last.runs} runs finished (${stored} stored)`,
      'steady-state throughput and CPU': `${(steadyRuns / steadyS).toFixed(2)} runs/s using ${((cpu.endS - cpu.warmEndS) / steadyS).toFixed(2)} cores (serve + Chromium tree CPU after warm-up)`,
    };
    const markdown = renderSoak(analysis, facts);
    console.log(markdown);
    const resultsDir = path.join(REPO_ROOT, 'bench', 'results');
    await mkdir(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    await writeFile(file, JSON.stringify({ options, facts, analysis, samples }, null, 1));
    console.error(`[soak] samples in ${path.relative(REPO_ROOT, file)}`);
    if (!analysis.withinBound) process.exitCode = 1;
  } finally {
    await shop.stop();
    if (process.exitCode !== 1) await rm(dir, { recursive: true, force: true });
  }
}

await main();
