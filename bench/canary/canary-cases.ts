import type { CanarySessionResult, MetricResult } from '../../src/canary/index.js';
import type { FaultRule } from '../../src/demo-shop/index.js';

/** One benchmark case: the canary's faults and what counts as the right answer. */
export interface BenchCase {
  name: 'identical' | 'checkout-20pct-failures' | 'search-plus-400ms';
  faults: FaultRule[];
  /** True when the session's verdict is the one this case wants (no fault: not FAIL/MARGINAL; fault: caught for the right reason). */
  correct(session: CanarySessionResult): boolean;
}

const flagged = (session: CanarySessionResult): boolean => session.analysis.verdict === 'FAIL' || session.analysis.verdict === 'MARGINAL';

function metricOf(session: CanarySessionResult, cuj: string, id: string): MetricResult | undefined {
  return session.analysis.cujs.find((c) => c.cuj === cuj)?.metrics.find((m) => m.id === id);
}

export const BENCH_CASES: readonly BenchCase[] = [
  {
    name: 'identical',
    faults: [],
    // A false fail is FAIL or MARGINAL; INCONCLUSIVE is counted separately (it stops nothing by mistake, it asks for runs).
    correct: (session) => !flagged(session),
  },
  {
    name: 'checkout-20pct-failures',
    faults: [{ path: '/api/checkout', method: 'POST', errorRate: 0.2 }],
    correct: (session) => session.analysis.verdict === 'FAIL' && metricOf(session, 'checkout', 'success-ratio')?.classification === 'High',
  },
  {
    name: 'search-plus-400ms',
    faults: [{ path: '/api/search', delayMs: 400 }],
    correct: (session) => flagged(session) && metricOf(session, 'search', 'step:search')?.classification === 'High',
  },
];
