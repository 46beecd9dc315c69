/** Words for verify results that every format uses the same way. */
import type { AttemptFailure, VerifyCuj } from '../../canary/index.js';
import { percent } from './gate-text.js';

/** "2/3 runs passed (66.7%), 1 flaky; below the 100% minimum". */
export function cujOutcome(cuj: VerifyCuj, minPassRate: number): string {
  const finished = cuj.runs.length - cuj.aborted;
  const flaky = cuj.flaky > 0 ? `, ${cuj.flaky} of them flaky (passed on retry)` : '';
  const gate = cuj.ok ? `meets the ${percent(minPassRate)} minimum` : `below the ${percent(minPassRate)} minimum`;
  return `${cuj.passed + cuj.flaky}/${finished} runs passed (${percent(cuj.passRate)})${flaky}; ${gate}`;
}

/** 'step "pay": expected …' (the whole message; callers shorten it where they need one line). */
export function failureCause(failure: AttemptFailure): string {
  return `${failure.step === undefined ? '' : `step "${failure.step}": `}${failure.message}`;
}
