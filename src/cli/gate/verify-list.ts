/** `outpost verify` for people: a line per attempt as it finishes, then a table per CUJ and the gate. */
import type { VerifyCuj, VerifyReport } from '../../canary/index.js';
import type { JourneyResult } from '../../journey/index.js';
import { seconds, table } from '../reporters/format.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { attemptProblem, oneLine, percent } from './gate-text.js';
import type { Paint } from './gate-reporter.js';
import { failureCause } from './verify-text.js';

/** The line of one finished attempt. */
export function verifyAttemptLine(result: JourneyResult, paint: Paint): string {
  const ok = result.status === 'passed';
  const mark = paint(ok ? 'green' : 'red', ok ? '✓' : '✗');
  const attempt = result.attempt > 1 ? paint('yellow', `  retry ${result.attempt - 1}`) : '';
  const problem = ok ? '' : `  ${paint('red', oneLine(attemptProblem(result)))}`;
  return `  ${mark} ${result.journey}${attempt}  ${seconds(result.durationMs)}${problem}\n`;
}

/** The whole report: header, table, failures and the gate's answer. */
export function verifyList(report: VerifyReport, paint: Paint): string {
  const rows = [['cuj', 'journey', 'runs', 'passed', 'flaky', 'failed', 'pass rate', 'gate']];
  for (const cuj of report.cujs) {
    const gate = cuj.ok ? paint('green', '✓ pass') : paint('red', '✗ fail');
    rows.push([cuj.key, cuj.journey, String(cuj.runs.length), String(cuj.passed), String(cuj.flaky), String(cuj.failed), percent(cuj.passRate), gate]);
  }
  const failures = report.cujs.flatMap((cuj) => (cuj.lastFailure === undefined ? [] : [failureLine(cuj)]));
  return [`\n${table(rows)}\n`, failures.length > 0 ? `\n${failures.join('')}` : '', `\n${verdictLine(report, paint)}\n`].join('');
}

function failureLine(cuj: VerifyCuj): string {
  const failure = cuj.lastFailure!;
  return `  ${cuj.key}: last failed attempt (run ${failure.runId}, attempt ${failure.attempt}): ${oneLine(failureCause(failure))}\n`;
}

function verdictLine(report: VerifyReport, paint: Paint): string {
  const flaky = report.cujs.reduce((sum, cuj) => sum + cuj.flaky, 0);
  const flakyNote = flaky > 0 ? paint('yellow', ` (${flaky} flaky run${flaky === 1 ? '' : 's'} passed on retry)`) : '';
  const tail = paint('dim', `session ${report.sessionId}, ${seconds(report.durationMs)}`);
  if (report.passed) return `${paint('green', 'PASS')}: every CUJ met the ${percent(report.minPassRate)} pass rate on ${report.target.name}${flakyNote} · ${tail}`;
  const below = report.cujs.filter((cuj) => !cuj.ok).map((cuj) => `${cuj.key} ${percent(cuj.passRate)}`);
  return `${paint('red', 'FAIL')}: below the ${percent(report.minPassRate)} pass rate on ${report.target.name}: ${below.join(', ')}${flakyNote} · ${tail}`;
}

/** Prints each attempt as it finishes (the list reporter only). */
export function verifyProgress(streams: ReporterStreams, paint: Paint): (result: JourneyResult) => void {
  return (result) => streams.out.write(verifyAttemptLine(result, paint));
}
