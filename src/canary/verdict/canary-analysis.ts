/**
 * The overall verdict of a canary across all its CUJs: the worst CUJ decides, and the overall
 * verdict is INCONCLUSIVE only when the undecided CUJs could still change it.
 */
import { CanaryInputError, DEFAULT_CANARY_CONFIG, canaryConfigIssues, type CanaryConfig } from './canary-config.js';
import { combineVerdictRanges, settledVerdict, type Verdict } from './canary-verdict.js';
import { judgeCuj, neededRuns, type CujAnalysis } from './cuj-analysis.js';
import { sampleIssues, type CujSamples } from './cuj-samples.js';

export interface CanaryAnalysis {
  verdict: Verdict;
  /** The lowest CUJ score (each as classified); null when no CUJ could be scored. */
  score: number | null;
  reason: string;
  /** When INCONCLUSIVE: runs per side that would decide every CUJ still open (null: unknown). */
  neededRunsPerSide?: number | null;
  cujs: CujAnalysis[];
}

/**
 * Analyses every CUJ and gives the overall verdict. Throws CanaryInputError listing every
 * unusable setting and sample at once.
 * @example
 * const analysis = analyseCanary({ checkout: checkoutSamples, search: searchSamples }, { passScore: 95 });
 * if (analysis.verdict === 'INCONCLUSIVE') rerunWith(analysis.neededRunsPerSide);
 */
export function analyseCanary(samples: Readonly<Record<string, CujSamples>>, overrides: Partial<CanaryConfig> = {}): CanaryAnalysis {
  const config: CanaryConfig = { ...DEFAULT_CANARY_CONFIG, ...overrides };
  const entries = Object.entries(samples);
  const issues = [...canaryConfigIssues(config), ...entries.flatMap(([cuj, cujSamples]) => sampleIssues(cuj, cujSamples))];
  if (issues.length > 0) throw new CanaryInputError(issues);
  const cujs = entries.map(([cuj, cujSamples]) => judgeCuj(cuj, cujSamples, config));
  if (cujs.length === 0) return { verdict: 'INCONCLUSIVE', score: null, reason: 'no CUJ samples to analyse', neededRunsPerSide: null, cujs };
  const verdict = settledVerdict(combineVerdictRanges(cujs.map((cuj) => cuj.verdictRange)));
  const scores = cujs.flatMap((cuj) => (cuj.score === null ? [] : [cuj.score]));
  const openCujs = cujs.map((cuj) => ({ decided: cuj.verdict !== 'INCONCLUSIVE', neededRunsPerSide: cuj.neededRunsPerSide }));
  const needed = verdict === 'INCONCLUSIVE' ? neededRuns(openCujs) : undefined;
  return {
    verdict,
    score: scores.length === 0 ? null : Math.min(...scores),
    reason: overallReason(verdict, cujs, needed),
    ...(needed === undefined ? {} : { neededRunsPerSide: needed }),
    cujs,
  };
}

function overallReason(verdict: Verdict, cujs: readonly CujAnalysis[], needed: number | null | undefined): string {
  const listed = (wanted: (cuj: CujAnalysis) => boolean): string =>
    cujs.filter(wanted).map((cuj) => `${cuj.cuj} ${cuj.verdict} (${cuj.reason})`).join('; ');
  if (verdict === 'PASS') return `all ${cujs.length} CUJs pass`;
  if (verdict === 'INCONCLUSIVE') {
    const runs = needed === null || needed === undefined ? 'the runs needed cannot be computed from these samples' : `run at least ${needed} per side`;
    return `too few runs to decide, ${runs}: ${listed((cuj) => cuj.verdict === 'INCONCLUSIVE')}`;
  }
  return listed((cuj) => cuj.verdict === verdict);
}
