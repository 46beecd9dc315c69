import type { SliSpec } from '../../scoring/index.js';

/** `availability`, `latency ≤ 2000 ms`, `latency of step "search" ≤ 2000 ms`, `availability of step "pay"`. */
export function describeSli(sli: SliSpec): string {
  if (sli.kind === 'availability') return 'availability';
  if (sli.kind === 'step-availability') return `availability of step "${sli.step}"`;
  return `latency${sli.step === undefined ? '' : ` of step "${sli.step}"`} ≤ ${sli.thresholdMs} ms`;
}

/** An objective ratio as the percentage it was written as: 0.9995 → `99.95%`. */
export function objectiveText(objective: number): string {
  return `${Number((objective * 100).toPrecision(10))}%`;
}
