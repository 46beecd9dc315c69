/** Every output format of `outpost verify`. */
import type { VerifyReport } from '../../canary/index.js';
import type { JourneyResult } from '../../journey/index.js';
import type { GateFormats } from './gate-reporter.js';
import { verifyJunit } from './verify-junit.js';
import { verifyList } from './verify-list.js';
import { verifyMarkdown } from './verify-markdown.js';
import { cujOutcome, failureCause } from './verify-text.js';

export const VERIFY_FORMATS: GateFormats<VerifyReport> = {
  list: verifyList,
  markdown: verifyMarkdown,
  junit: verifyJunit,
  json: verifyJson,
  annotations: (report) =>
    report.cujs
      .filter((cuj) => !cuj.ok)
      .map((cuj) => {
        const failure = cuj.lastFailure;
        const cause = failure === undefined ? '' : `; last failure: ${failureCause(failure)}`;
        return { level: 'error' as const, title: `outpost verify: ${cuj.key} on ${report.target.name}`, message: `${cujOutcome(cuj, report.minPassRate)}${cause}` };
      }),
};

/** The report with each attempt summarised; the full results are in the store under the session id. */
function verifyJson(report: VerifyReport): unknown {
  return {
    ...report,
    cujs: report.cujs.map((cuj) => ({
      ...cuj,
      runs: cuj.runs.map((run) => ({ outcome: run.outcome, attempts: run.attempts.map(attemptSummary) })),
    })),
  };
}

function attemptSummary(result: JourneyResult): unknown {
  return { id: result.id, attempt: result.attempt, status: result.status, startedAt: result.startedAt, durationMs: result.durationMs, error: result.error, steps: result.steps.map((s) => ({ name: s.name, status: s.status, durationMs: s.durationMs, error: s.error?.message })) };
}
