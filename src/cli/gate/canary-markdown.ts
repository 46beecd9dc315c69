/** `outpost canary` as Markdown: for `--reporter markdown` and the GitHub step summary. */
import type { CanarySessionResult, CujAnalysis } from '../../canary/index.js';
import { METRIC_HEADER, VERDICT_EMOJI, metricRow, rerunHint, scoreText } from './canary-rows.js';
import { markdownCell, markdownTable } from './gate-text.js';

export function canaryMarkdown(session: CanarySessionResult): string {
  const { analysis } = session;
  const hint = rerunHint(session);
  return [
    `### Outpost canary: ${VERDICT_EMOJI[analysis.verdict]} ${analysis.verdict} (${scoreText(analysis)})`,
    '',
    `Baseline \`${session.baseline.name}\` (${session.baseline.url}) vs canary \`${session.canary.name}\` (${session.canary.url}) · ` +
      `${session.runsPerSide} runs per side · session \`${session.sessionId}\``,
    '',
    `> ${markdownCell(analysis.reason)}`,
    ...(hint === undefined ? [] : ['', `**${markdownCell(hint)}**`]),
    '',
    ...analysis.cujs.flatMap(cujSection),
  ].join('\n');
}

function cujSection(cuj: CujAnalysis): string[] {
  return [
    `#### \`${cuj.cuj}\`: ${VERDICT_EMOJI[cuj.verdict]} ${cuj.verdict} (${scoreText(cuj)})`,
    '',
    markdownCell(cuj.reason),
    '',
    markdownTable([...METRIC_HEADER], cuj.metrics.map(metricRow)),
    '',
  ];
}
