/** `outpost verify` as Markdown: for `--reporter markdown` and the GitHub step summary. */
import type { VerifyReport } from '../../canary/index.js';
import { markdownCell, markdownTable, oneLine, percent } from './gate-text.js';
import { failureCause } from './verify-text.js';

export function verifyMarkdown(report: VerifyReport): string {
  const verdict = report.passed ? '✅ PASS' : '❌ FAIL';
  const header =
    `Target \`${report.target.name}\` (${report.target.url}) · ${report.runsPerCuj} runs per CUJ · ` +
    `${report.retries} confirmation ${report.retries === 1 ? 'retry' : 'retries'} · minimum pass rate ${percent(report.minPassRate)} · session \`${report.sessionId}\``;
  const rows = report.cujs.map((cuj) => [
    cuj.key,
    cuj.journey,
    String(cuj.passed),
    String(cuj.flaky),
    String(cuj.failed),
    percent(cuj.passRate),
    cuj.ok ? (cuj.flaky > 0 ? '✅ pass (flaky)' : '✅ pass') : '❌ fail',
  ]);
  const failures = report.cujs.flatMap((cuj) => {
    const failure = cuj.lastFailure;
    if (failure === undefined) return [];
    return [`- \`${cuj.key}\`${cuj.ok ? ' (flaky)' : ''}: ${markdownCell(oneLine(failureCause(failure)))} (run \`${failure.runId}\`, attempt ${failure.attempt})`];
  });
  return [
    `### Outpost verify: ${verdict}`,
    '',
    header,
    '',
    markdownTable(['CUJ', 'journey', 'passed', 'flaky', 'failed', 'pass rate', 'result'], rows),
    ...(failures.length > 0 ? ['', '**Last failed attempts**', '', ...failures] : []),
    '',
  ].join('\n');
}
