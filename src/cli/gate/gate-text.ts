/** Small text helpers shared by the gate reports (XML and Markdown escaping, rates, run problems). */
import { failingStep, type JourneyResult } from '../../journey/index.js';

export { xmlText } from '../reporters/xml-text.js';

/** A Markdown table cell: pipes escaped, one line. */
export function markdownCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** A Markdown table from a header row and body rows. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** "100%", "66.7%". */
export function percent(rate: number): string {
  return `${Number((rate * 100).toFixed(1))}%`;
}


/**
 * A message on one line, cut at `max` characters: Playwright's assertion messages put the
 * useful part ("Expected: 201 Received: 503") on the lines after the first.
 */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Why an attempt did not pass: the failing step and its error, or the run's error. */
export function attemptProblem(result: JourneyResult): string {
  const step = failingStep(result);
  if (step === undefined) return `${result.status}: ${result.error?.message ?? ''}`.trim();
  return `${result.status} at step "${step.name}": ${step.error?.message ?? ''}`.trim();
}
