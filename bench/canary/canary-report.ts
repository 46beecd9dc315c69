import type { Verdict } from '../../src/canary/index.js';

/** One canary analysis of a case. */
export interface Repetition {
  verdict: Verdict;
  correct: boolean;
  wallMs: number;
  neededRunsPerSide?: number | null;
  reason: string;
}

export interface CaseSummary {
  case: string;
  reps: number;
  correct: number;
  verdicts: Partial<Record<Verdict, number>>;
  medianWallMs: number;
  maxWallMs: number;
  repetitions: Repetition[];
}

/** The Markdown table for BENCHMARKS.md: per case, the rate that matters and the verdicts seen. */
export function renderCanaryTable(summaries: readonly CaseSummary[], runsPerSide: number): string {
  const rows = summaries.map((s) => {
    const rate = s.case === 'identical' ? `false fail ${pct(s.reps - s.correct, s.reps)} (goal ≤ 5%)` : `detected ${pct(s.correct, s.reps)} (goal ≥ 95%)`;
    const verdicts = (['PASS', 'MARGINAL', 'FAIL', 'INCONCLUSIVE'] as const).map((v) => `${v} ${s.verdicts[v] ?? 0}`).join(', ');
    return `| ${s.case} | ${s.reps} | ${rate} | ${verdicts} | ${(s.medianWallMs / 1000).toFixed(1)} | ${(s.maxWallMs / 1000).toFixed(1)} |`;
  });
  return [
    `Runs per side: ${runsPerSide} (×2 journeys: api-checkout, api-search), concurrency 2.`,
    '',
    '| case | analyses | result | verdicts | median wall s | max wall s |',
    '| --- | ---: | --- | --- | ---: | ---: |',
    ...rows,
  ].join('\n');
}

function pct(part: number, whole: number): string {
  return `${part}/${whole} = ${((100 * part) / whole).toFixed(0)}%`;
}
