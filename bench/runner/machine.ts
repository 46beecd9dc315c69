import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { chromium } from 'playwright';
import { outpostLaunchOptions } from './browser-settings.js';

/** What the numbers were measured on, for the results file and BENCHMARKS.md. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string | undefined;
  memoryGiB: number;
  node: string;
  chromium: string;
  commit: string;
}

export async function describeMachine(repoRoot: string): Promise<MachineInfo> {
  const browser = await chromium.launch(outpostLaunchOptions());
  const chromiumVersion = browser.version();
  await browser.close();
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, chromium: chromiumVersion, commit };
}

/** User + system seconds of a `process.cpuUsage()` reading. */
export function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

/** The 1, 5 and 15 minute load averages, as one line. */
export function formatLoad(load: number[]): string {
  return load.map((l) => l.toFixed(1)).join(' ');
}
