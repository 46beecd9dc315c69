/**
 * `outpost verify` as JUnit XML: one testcase per CUJ, failed when it is below the pass rate.
 * Runs that passed only on a retry carry Surefire's `<flakyFailure>` (Jenkins shows them as
 * flaky); every attempt is listed in `<system-out>`.
 */
import type { VerifyCuj, VerifyReport } from '../../canary/index.js';
import type { JourneyResult } from '../../journey/index.js';
import { attemptProblem, oneLine, xmlText } from './gate-text.js';
import { cujOutcome, failureCause } from './verify-text.js';

export function verifyJunit(report: VerifyReport): string {
  const failures = report.cujs.filter((cuj) => !cuj.ok).length;
  const time = seconds(report.durationMs);
  const suite = `outpost verify ${report.target.name}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="outpost verify" tests="${report.cujs.length}" failures="${failures}" errors="0" time="${time}">`,
    `  <testsuite name="${xmlText(suite)}" tests="${report.cujs.length}" failures="${failures}" errors="0" skipped="0" time="${time}" timestamp="${xmlText(report.startedAt)}">`,
    '    <properties>',
    property('session', report.sessionId),
    property('target', `${report.target.name} ${report.target.url}`),
    property('minPassRate', String(report.minPassRate)),
    property('retries', String(report.retries)),
    '    </properties>',
    ...report.cujs.map((cuj) => testcase(cuj, report)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function testcase(cuj: VerifyCuj, report: VerifyReport): string {
  const attempts = cuj.runs.flatMap((run) => run.attempts);
  const time = seconds(attempts.reduce((sum, attempt) => sum + attempt.durationMs, 0));
  const body: string[] = [];
  const outcome = cujOutcome(cuj, report.minPassRate);
  if (!cuj.ok) body.push(`      <failure type="below-pass-rate" message="${xmlText(outcome)}">${xmlText(failureText(cuj))}</failure>`);
  for (const run of cuj.runs.filter((r) => r.outcome === 'flaky')) {
    for (const attempt of run.attempts.filter((a) => a.status !== 'passed')) {
      body.push(`      <flakyFailure type="${xmlText(attempt.status)}" message="${xmlText(oneLine(attemptProblem(attempt)))}">${xmlText(attemptProblem(attempt))}</flakyFailure>`);
    }
  }
  body.push(`      <system-out>${xmlText([outcome, ...attempts.map(attemptLine)].join('\n'))}</system-out>`);
  return [`    <testcase classname="${xmlText(`verify.${report.target.name}`)}" name="${xmlText(cuj.key)}" time="${time}">`, ...body, '    </testcase>'].join('\n');
}

function failureText(cuj: VerifyCuj): string {
  const failure = cuj.lastFailure;
  if (failure === undefined) return 'no run finished';
  return `last failed attempt (run ${failure.runId}, attempt ${failure.attempt}): ${failureCause(failure)}`;
}

function attemptLine(attempt: JourneyResult): string {
  const problem = attempt.status === 'passed' ? '' : ` — ${oneLine(attemptProblem(attempt))}`;
  return `run ${attempt.id} attempt ${attempt.attempt}: ${attempt.status} ${attempt.durationMs}ms${problem}`;
}

function property(name: string, value: string): string {
  return `      <property name="${xmlText(name)}" value="${xmlText(value)}"/>`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
