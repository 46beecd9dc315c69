import type { VariantName } from './variants.js';

/** One variant at one concurrency: what the harness measured and verified. */
export interface Measurement {
  variant: VariantName;
  concurrency: number;
  runs: number;
  /** Passing runs according to the variant's own report. */
  passed: number;
  wallMs: number;
  peakPssKiB: number;
  peakRssKiB: number;
  peakProcesses: number;
  /** User + system CPU of the whole tree. */
  cpuSeconds: number | undefined;
  /** How often each figure was read; PSS is read less often (see process-tree-memory.ts). */
  samples: { rss: number; pss: number };
  /** CPU the harness itself spent (mostly sampling) while this variant ran. */
  harnessCpuSeconds: number;
  exitCode: number | null;
  /** Why the report could not be read, or how the child failed. */
  problem?: string;
}

export interface RatioCheck {
  concurrency: number;
  subject: VariantName;
  label: string;
  ratio: number;
  goal: number;
  met: boolean;
}

const MiB = 1024;

export function renderTable(measurements: Measurement[]): string {
  const rows = measurements.map((m) => {
    const cells = [
      m.variant,
      String(m.concurrency),
      `${m.passed}/${m.runs}`,
      (m.wallMs / 1000).toFixed(1),
      (m.passed / (m.wallMs / 1000)).toFixed(2),
      (m.peakPssKiB / MiB).toFixed(0),
      (m.peakRssKiB / MiB).toFixed(0),
      String(m.peakProcesses),
      m.cpuSeconds === undefined ? '–' : m.cpuSeconds.toFixed(1),
      m.cpuSeconds === undefined ? '–' : (m.cpuSeconds / m.passed).toFixed(2),
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [
    '| variant | concurrency | runs passed | wall s | runs/s | peak PSS MiB | peak RSS MiB | peak processes | CPU s | CPU s/run |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

/**
 * The goals: Outpost's wall time ≤ 1.05× raw Playwright and ≤ 0.85× Playwright Test, and
 * its peak memory ≤ Playwright Test's, at each concurrency. Checked for both Outpost rows.
 */
export function ratioChecks(measurements: Measurement[]): RatioCheck[] {
  const find = (variant: VariantName, concurrency: number) => measurements.find((m) => m.variant === variant && m.concurrency === concurrency);
  const checks: RatioCheck[] = [];
  const concurrencies = [...new Set(measurements.map((m) => m.concurrency))];
  for (const concurrency of concurrencies) {
    for (const subject of ['outpost', 'outpost-no-trace'] as const) {
      const own = find(subject, concurrency);
      if (own === undefined) continue;
      const raw = find('raw', concurrency);
      const pwtest = find('pwtest', concurrency);
      const add = (label: string, ratio: number, goal: number) => checks.push({ concurrency, subject, label, ratio, goal, met: ratio <= goal });
      if (raw !== undefined) add('wall / raw wall', own.wallMs / raw.wallMs, 1.05);
      if (pwtest !== undefined) add('wall / Playwright Test wall', own.wallMs / pwtest.wallMs, 0.85);
      if (pwtest !== undefined) add('peak PSS / Playwright Test peak PSS', own.peakPssKiB / pwtest.peakPssKiB, 1);
    }
  }
  return checks;
}

export function renderRatios(checks: RatioCheck[]): string {
  const rows = checks.map((c) => `| ${c.concurrency} | ${c.subject} ${c.label} | ${c.ratio.toFixed(2)}× | ≤ ${c.goal.toFixed(2)}× | ${c.met ? 'pass' : 'miss'} |`);
  return ['| concurrency | ratio | measured | goal | result |', '| ---: | --- | ---: | ---: | --- |', ...rows].join('\n');
}
