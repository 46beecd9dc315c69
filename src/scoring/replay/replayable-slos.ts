import type { ResolvedSlo } from '../slo-definition.js';

/**
 * Results files hold whole runs, not steps, so SLIs on one step cannot be replayed: one
 * problem per such SLO, naming it.
 */
export function stepSliIssues(slos: readonly ResolvedSlo[]): string[] {
  return slos.flatMap(({ name, sli }) =>
    sli.kind !== 'availability' && sli.step !== undefined
      ? [`SLO "${name}" judges step "${sli.step}", but results files hold whole runs; replay an availability or run latency SLI`]
      : [],
  );
}
