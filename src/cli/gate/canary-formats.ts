/** Every output format of `outpost canary`. */
import type { CanarySessionResult } from '../../canary/index.js';
import { canaryJunit } from './canary-junit.js';
import { canaryList } from './canary-list.js';
import { canaryMarkdown } from './canary-markdown.js';
import { rerunHint, scoreText } from './canary-rows.js';
import type { GateFormats } from './gate-reporter.js';
import type { Annotation } from './github-actions.js';

export const CANARY_FORMATS: GateFormats<CanarySessionResult> = {
  list: canaryList,
  markdown: canaryMarkdown,
  junit: canaryJunit,
  json: (session) => ({ verdict: session.analysis.verdict, score: session.analysis.score, reason: session.analysis.reason, ...session }),
  annotations: canaryAnnotations,
};

/** An error per CUJ that fails or is marginal; a warning per CUJ the runs could not decide. */
function canaryAnnotations(session: CanarySessionResult): Annotation[] {
  const hint = rerunHint(session);
  return session.analysis.cujs.flatMap((cuj): Annotation[] => {
    if (cuj.verdict === 'PASS') return [];
    const title = `outpost canary: ${cuj.cuj} ${cuj.verdict}`;
    const message = `${scoreText(cuj)}: ${cuj.reason}`;
    if (cuj.verdict === 'INCONCLUSIVE') return [{ level: 'warning', title, message: hint === undefined ? message : `${message}; ${hint}` }];
    return [{ level: 'error', title, message }];
  });
}
