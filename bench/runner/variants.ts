import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChildMeasurement } from './measure-child.js';

export const VARIANT_NAMES = ['outpost', 'outpost-no-trace', 'raw', 'pwtest'] as const;
export type VariantName = (typeof VARIANT_NAMES)[number];

export interface VariantInputs {
  repoRoot: string;
  shopUrl: string;
  runs: number;
  concurrency: number;
  /** A fresh folder for this measurement's store, artifacts and reports. */
  workDir: string;
}

export interface VariantCommand {
  args: string[];
  env: Record<string, string>;
}

export interface Variant {
  name: VariantName;
  description: string;
  /** Arguments to `node` (run from the repo root) and extra env. */
  command(inputs: VariantInputs): VariantCommand;
  /** What the variant's own report says; throws when it is unreadable. */
  verify(child: ChildMeasurement, inputs: VariantInputs): Promise<Verified>;
}

export interface Verified {
  passed: number;
  /** One line on the first (or last) failed run, when any failed. */
  failure?: string;
}

/** Where one `outpost run` of the checkout journey reads its config and writes its store and artifacts. */
export interface OutpostRunInputs extends Omit<VariantInputs, 'repoRoot'> {
  /** `--config`; the repo's outpost.config.ts when absent. */
  configFile?: string;
}

/** `node` arguments for `outpost run journeys/checkout.journey.ts --repeat N` with the JSON reporter. */
export function outpostRunArgs({ shopUrl, runs, concurrency, workDir, configFile }: OutpostRunInputs): string[] {
  return [
    'bin/outpost.js', 'run', 'journeys/checkout.journey.ts',
    ...(configFile === undefined ? [] : ['--config', configFile]),
    '--target', shopUrl, '--repeat', String(runs), '--concurrency', String(concurrency),
    '--reporter', 'json', '--store', path.join(workDir, 'outpost.db'), '--output', path.join(workDir, 'results'),
  ];
}

/** The JSON reporter's output, as far as the benchmarks read it. */
export interface OutpostReport {
  summary: { passed: number; journeys: { lastFailure?: { step?: string; message: string } }[] };
  results: { status: string; durationMs: number }[];
}

/** Passing runs by the JSON report on stdout (the summary and the results must agree). */
export function verifyOutpostReport(stdout: string): Verified {
  const report = JSON.parse(stdout) as OutpostReport;
  const passed = Math.min(report.summary.passed, report.results.filter((r) => r.status === 'passed').length);
  const failure = report.summary.journeys[0]?.lastFailure;
  return { passed, failure: failure === undefined ? undefined : `${failure.step ?? ''}: ${failure.message}` };
}

function outpostVariant(name: VariantName, description: string, configFile?: string): Variant {
  return {
    name,
    description,
    command: (inputs) => ({ args: outpostRunArgs({ ...inputs, configFile }), env: {} }),
    verify: async (child) => verifyOutpostReport(child.stdout),
  };
}

interface PlaywrightSuite {
  suites?: PlaywrightSuite[];
  specs: { tests: { results: { error?: { message?: string } }[] }[] }[];
}

interface PlaywrightReport {
  stats: { expected: number };
  errors: { message?: string }[];
  suites: PlaywrightSuite[];
}

function firstTestError(suites: PlaywrightSuite[]): string | undefined {
  for (const suite of suites) {
    const results = suite.specs.flatMap((spec) => spec.tests.flatMap((t) => t.results));
    const message = results.find((r) => r.error?.message !== undefined)?.error?.message ?? firstTestError(suite.suites ?? []);
    if (message !== undefined) return message.split('\n')[0];
  }
  return undefined;
}

const raw: Variant = {
  name: 'raw',
  description: 'plain Playwright: one browser, a context per run, p-limit k (the floor)',
  command: ({ shopUrl, runs, concurrency }) => ({
    args: ['--import', 'tsx', 'bench/runner/raw-playwright.ts', '--target', shopUrl, '--runs', String(runs), '--concurrency', String(concurrency)],
    env: {},
  }),
  async verify(child) {
    const report = JSON.parse(child.stdout) as { passed: number; failures: string[] };
    return { passed: report.passed, failure: report.failures[0] };
  },
};

const pwtest: Variant = {
  name: 'pwtest',
  description: '@playwright/test: fullyParallel, --workers k, --repeat-each N (a browser per worker)',
  command: ({ shopUrl, runs, concurrency, workDir }) => ({
    args: [
      'node_modules/@playwright/test/cli.js', 'test', '--config', 'bench/runner/pw-test/playwright.config.ts',
      '--workers', String(concurrency), '--repeat-each', String(runs),
    ],
    env: { BENCH_TARGET: shopUrl, BENCH_PW_JSON: path.join(workDir, 'pw-report.json'), BENCH_PW_OUTPUT_DIR: path.join(workDir, 'test-results') },
  }),
  async verify(_child, { workDir }) {
    const report = JSON.parse(await readFile(path.join(workDir, 'pw-report.json'), 'utf8')) as PlaywrightReport;
    // `expected` counts tests that passed first time; flaky ones needed a retry (there are none: retries 0).
    return { passed: report.stats.expected, failure: report.errors[0]?.message ?? firstTestError(report.suites) };
  },
};

export const VARIANTS: Record<VariantName, Variant> = {
  outpost: outpostVariant('outpost', 'outpost run with the repo config (trace on-failure: recorded for every run, kept for failures)'),
  'outpost-no-trace': outpostVariant('outpost-no-trace', 'outpost run with trace off (bench/runner/no-trace.outpost.config.ts)', 'bench/runner/no-trace.outpost.config.ts'),
  raw,
  pwtest,
};
