/**
 * How `outpost verify` and `outpost canary` write their final report: list (for people), json,
 * junit or markdown on stdout, plus the GitHub Actions summary and annotations when run there.
 */
import { CliError } from '../exit-codes.js';
import { painter } from '../reporters/format.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { appendStepSummary, inGithubActions, workflowCommand, type Annotation } from './github-actions.js';

export const GATE_REPORTERS = ['list', 'json', 'junit', 'markdown'] as const;
export type GateReporterName = (typeof GATE_REPORTERS)[number];

export type Paint = ReturnType<typeof painter>;

/** One gate command's report in each format. */
export interface GateFormats<Report> {
  list(report: Report, paint: Paint): string;
  markdown(report: Report): string;
  junit(report: Report): string;
  json(report: Report): unknown;
  /** Annotations for the CUJs that fail the gate. */
  annotations(report: Report): Annotation[];
}

/** The reporter name, checked before any run starts. */
export function gateReporterName(name: string): GateReporterName {
  const known = GATE_REPORTERS.find((reporter) => reporter === name);
  if (known === undefined) throw new CliError(`unknown reporter "${name}": expected one of ${GATE_REPORTERS.join(', ')}`);
  return known;
}

/**
 * Writes the report. Annotations go to stdout, except when stdout carries a JSON or JUnit
 * document that must stay parseable; the runner reads workflow commands from stderr too.
 */
export function publishReport<Report>(report: Report, formats: GateFormats<Report>, name: GateReporterName, streams: ReporterStreams, env: NodeJS.ProcessEnv): void {
  streams.out.write(render(report, formats, name, streams));
  appendStepSummary(formats.markdown(report), env);
  if (!inGithubActions(env)) return;
  const target = name === 'json' || name === 'junit' ? streams.err : streams.out;
  for (const annotation of formats.annotations(report)) target.write(workflowCommand(annotation));
}

function render<Report>(report: Report, formats: GateFormats<Report>, name: GateReporterName, streams: ReporterStreams): string {
  switch (name) {
    case 'list':
      return formats.list(report, painter(streams.out));
    case 'markdown':
      return formats.markdown(report);
    case 'junit':
      return formats.junit(report);
    case 'json':
      return `${JSON.stringify(formats.json(report), null, 2)}\n`;
  }
}
