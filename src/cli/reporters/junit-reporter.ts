import { failingStep, type JourneyResult } from '../../journey/index.js';
import type { Reporter, ReporterStreams } from './reporter.js';
import { firstLine, type RunSummary } from './run-summary.js';
import { xmlText as xml } from './xml-text.js';

/**
 * JUnit XML on stdout: a testsuite per journey, a testcase per run, so GitLab, Jenkins and
 * GitHub test reporters show journeys natively. Broken journey files are error testcases.
 */
export class JunitReporter implements Reporter {
  constructor(private readonly streams: ReporterStreams) {}
  onBegin(): void {}
  onRunStart(): void {}
  onRunEnd(): void {}
  onEnd(summary: RunSummary, results: JourneyResult[]): void {
    this.streams.out.write(junitXml(summary, results));
  }
}

export function junitXml(summary: RunSummary, results: JourneyResult[]): string {
  const suites = summary.journeys.map((j) => suite(j.journey, results.filter((r) => r.journey === j.journey)));
  if (summary.brokenFiles.length > 0) suites.push(brokenFilesSuite(summary.brokenFiles));
  const failures = summary.notPassed;
  const totalSeconds = results.reduce((s, r) => s + r.durationMs, 0) / 1000;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="outpost" tests="${summary.total + summary.brokenFiles.length}" failures="${failures}" errors="${summary.brokenFiles.length}" time="${totalSeconds.toFixed(3)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(name: string, runs: JourneyResult[]): string {
  const failures = runs.filter((r) => r.status !== 'passed').length;
  const time = runs.reduce((s, r) => s + r.durationMs, 0) / 1000;
  return [
    `  <testsuite name="${xml(name)}" tests="${runs.length}" failures="${failures}" errors="0" time="${time.toFixed(3)}" timestamp="${xml(runs[0]?.startedAt ?? '')}">`,
    ...runs.map((r, i) => testcase(r, i, runs.length)),
    '  </testsuite>',
  ].join('\n');
}

function testcase(run: JourneyResult, index: number, count: number): string {
  const label = `${run.journey} [${run.target.name}@${run.location}]${count > 1 ? ` #${index + 1}` : ''}`;
  const open = `    <testcase classname="${xml(run.cuj.id)}" name="${xml(label)}" time="${(run.durationMs / 1000).toFixed(3)}">`;
  const body: string[] = [];
  if (run.status !== 'passed') {
    const step = failingStep(run);
    const message = step?.error?.message ?? run.error?.message ?? run.status;
    body.push(`      <failure type="${xml(run.status)}" message="${xml(firstLine(message))}">${xml(step === undefined ? message : `step "${step.name}": ${message}`)}</failure>`);
  }
  body.push(`      <system-out>${xml(stepLines(run))}</system-out>`);
  return [open, ...body, '    </testcase>'].join('\n');
}

function brokenFilesSuite(broken: RunSummary['brokenFiles']): string {
  return [
    `  <testsuite name="journey files" tests="${broken.length}" failures="0" errors="${broken.length}" time="0">`,
    ...broken.map((b) => `    <testcase classname="journey-files" name="${xml(b.file)}" time="0">\n      <error message="${xml(firstLine(b.message))}">${xml(b.message)}</error>\n    </testcase>`),
    '  </testsuite>',
  ].join('\n');
}

function stepLines(run: JourneyResult): string {
  const lines = run.steps.map((s) => `${s.status.padEnd(8)} ${s.soft ? '(soft) ' : ''}${s.name} ${s.durationMs}ms${s.error ? ` — ${firstLine(s.error.message)}` : ''}`);
  if (run.artifacts.trace !== undefined) lines.push(`trace: ${run.artifacts.trace}`);
  if (run.artifacts.screenshot !== undefined) lines.push(`screenshot: ${run.artifacts.screenshot}`);
  return `run ${run.id}\n${lines.join('\n')}`;
}
