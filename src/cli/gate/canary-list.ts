/** `outpost canary` for people: failed runs and progress as they happen, then a table per CUJ and the verdict. */
import type { CanarySessionResult, CanarySide, CujAnalysis, Verdict } from '../../canary/index.js';
import type { JourneyResult } from '../../journey/index.js';
import { seconds, table } from '../reporters/format.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { METRIC_HEADER, metricRow, rerunHint, scoreText } from './canary-rows.js';
import type { Paint } from './gate-reporter.js';
import { attemptProblem, oneLine } from './gate-text.js';

const COLOUR: Record<Verdict, 'green' | 'yellow' | 'red' | 'magenta'> = { PASS: 'green', MARGINAL: 'yellow', FAIL: 'red', INCONCLUSIVE: 'magenta' };

export function canaryList(session: CanarySessionResult, paint: Paint): string {
  const { analysis } = session;
  const cujs = analysis.cujs.map((cuj) => cujSection(cuj, paint)).join('\n');
  const verdict = `${paint(COLOUR[analysis.verdict], analysis.verdict)} (${scoreText(analysis)}): ${analysis.reason}`;
  const hint = rerunHint(session);
  const excluded = session.excluded.baseline + session.excluded.canary;
  const lines = [
    `\n${cujs}`,
    ...(excluded > 0 ? [paint('yellow', `${excluded} runs left out (Outpost could not run them, or interrupted): baseline ${session.excluded.baseline}, canary ${session.excluded.canary}`)] : []),
    `Verdict: ${verdict}`,
    ...(hint === undefined ? [] : [paint('magenta', hint)]),
    paint('dim', `session ${session.sessionId}, ${session.runsPerSide} runs per side, ${seconds(session.durationMs)}`),
  ];
  return `${lines.join('\n')}\n`;
}

function cujSection(cuj: CujAnalysis, paint: Paint): string {
  // The reason of a scored CUJ starts with its score already.
  const score = cuj.reason.startsWith('score ') ? '' : ` (${scoreText(cuj)})`;
  const title = `${paint('bold', cuj.cuj)} — ${paint(COLOUR[cuj.verdict], cuj.verdict)}${score}: ${cuj.reason}`;
  return `${title}\n${table([[...METRIC_HEADER], ...cuj.metrics.map(metricRow)])}\n`;
}

/** The header, then each failed run and every tenth round as they happen (the list reporter only). */
export function canaryProgress(streams: ReporterStreams, paint: Paint, journeys: number): (result: JourneyResult, side: CanarySide) => void {
  let finished = 0;
  return (result, side) => {
    finished += 1;
    if (result.status !== 'passed') streams.out.write(`  ${paint('red', '✗')} ${side.padEnd(8)} ${result.journey}  ${paint('red', oneLine(attemptProblem(result)))}\n`);
    const round = finished / (2 * journeys);
    if (Number.isInteger(round) && round % 10 === 0) streams.out.write(paint('dim', `  … ${round} rounds done\n`));
  };
}
