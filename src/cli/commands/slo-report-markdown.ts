import type { Incident, ReportMetadata, SloReport, SloReportEntry, StepFailure } from '../../slo-report/index.js';
import { describeSli, objectiveText } from './slo-text.js';

/**
 * The report as a Markdown document a team can paste into its SLO review: a summary table, then
 * per SLO its status, error budget, incidents, failing steps and SLO document.
 */
export function sloReportMarkdown(report: SloReport): string {
  const lines = [`# SLO report: ${report.window} ending ${utc(report.to)}`, '', ...overview(report)];
  if (report.slos.length === 0) return `${[...lines, '', 'No SLOs to report: none are configured and the store holds no runs yet.'].join('\n')}\n`;
  lines.push('', ...summaryTable(report));
  for (const entry of report.slos) lines.push('', ...sloSection(entry, report));
  if (report.slos.some((e) => !e.exact)) lines.push('', '_Some windows were read with their oldest edge rounded to the hour: minute rollups there were already deleted._');
  return `${lines.join('\n')}\n`;
}

function overview(report: SloReport): string[] {
  const s = report.summary;
  const incidents = s.incidents === 0 ? 'no incidents' : `${count(s.incidents, 'incident')}${s.ongoingIncidents > 0 ? ` (${s.ongoingIncidents} ongoing)` : ''}`;
  return [
    `- Window: ${utc(report.from)} → ${utc(report.to)} (${report.window})`,
    `- Target: ${report.target ?? 'every target'}`,
    `- ${count(s.slos, 'SLO')}: ${s.met} met, ${s.missed} missed${s.noData > 0 ? `, ${s.noData} without data` : ''}; ${incidents}`,
  ];
}

function summaryTable(report: SloReport): string[] {
  const rows = report.slos.map((e) => [
    e.journey,
    e.slo,
    describeSli(e.sli),
    objectiveText(e.objective),
    e.sliValue === null ? 'no data' : `${percent(e.sliValue, 3)} ${e.met ? '✅' : '❌'}`,
    e.errorBudget.consumed === null ? '-' : percent(e.errorBudget.consumed, 1),
    String(e.incidents.length),
    `${e.degradedRuns} / ${e.runs}`,
  ]);
  return markdownTable(['CUJ', 'SLO', 'SLI', 'objective', `SLI over ${report.window}`, 'budget consumed', 'incidents', 'degraded runs'], rows);
}

function sloSection(entry: SloReportEntry, report: SloReport): string[] {
  const lines = [`## ${entry.slo} (journey \`${entry.journey}\`)`, ''];
  if (entry.metadata.description !== null) lines.push(`> ${oneLine(entry.metadata.description)}`, '');
  lines.push(statusLine(entry, report.window), '');
  lines.push('### Error budget', '', ...budgetLines(entry), '');
  lines.push('### Incidents', '', ...incidentLines(entry.incidents), '');
  lines.push('### Top failing steps', '', ...stepLines(entry), '');
  lines.push('### SLO document', '', ...metadataLines(entry.metadata, entry));
  return lines;
}

function statusLine(entry: SloReportEntry, window: string): string {
  const target = `an objective of ${objectiveText(entry.objective)} (${describeSli(entry.sli)}; the SLO's own period is ${entry.period})`;
  if (entry.sliValue === null) return `**No data.** No valid ${entry.eventUnit} in the last ${window}, against ${target}.`;
  const verdict = entry.met ? '**Objective met.**' : '**Objective missed.**';
  const events = `${entry.events} ${entry.eventUnit}, ${entry.badEvents} bad`;
  return `${verdict} SLI ${percent(entry.sliValue, 3)} over the last ${window} (${events}), against ${target}.`;
}

function budgetLines(entry: SloReportEntry): string[] {
  const b = entry.errorBudget;
  if (b.consumed === null) return ['- Consumed: nothing to measure (no events)', degradedLine(entry)];
  const state = b.consumed > 1 ? ' — **overspent**' : '';
  const unit = entry.eventUnit === 'slices' ? 'bad slices' : 'bad runs';
  const lines = [`- Consumed: ${percent(b.consumed, 1)} of the error budget${state} (${b.badEvents} of ${round(b.allowedBadEvents)} allowed ${unit})`];
  lines.push(`- Remaining: ${percent(b.remaining!, 1)}`);
  if (b.allowedMinutes !== null && b.consumedMinutes !== null) lines.push(`- In minutes: ${round(b.consumedMinutes)} of ${round(b.allowedMinutes)} allowed bad minutes`);
  lines.push(degradedLine(entry));
  return lines;
}

function degradedLine(entry: SloReportEntry): string {
  return `- Degraded (flaky) runs: ${entry.degradedRuns} of ${entry.runs} passed only on a retry (shown, not charged to the budget)`;
}

function incidentLines(incidents: readonly Incident[]): string[] {
  if (incidents.length === 0) return ['None in the window.'];
  const rows = incidents.map((i) => [
    i.tier,
    i.severity,
    utc(i.start),
    i.end === null ? '**ongoing**' : utc(i.end),
    `${round(i.durationMinutes)} min`,
    i.peakBurnRate === null ? '-' : `${round(i.peakBurnRate)}×`,
    i.failingStep ?? '-',
  ]);
  return markdownTable(['tier', 'severity', 'start', 'end', 'duration', 'peak burn rate', 'failing step'], rows);
}

function stepLines(entry: SloReportEntry): string[] {
  if (entry.topFailingSteps.length === 0) return ['No failed runs stored in the window.'];
  const rows = entry.topFailingSteps.map((s: StepFailure) => [
    s.step === null ? '_(outside any step)_' : s.step,
    String(s.failures),
    utc(s.lastFailedAt),
    s.lastError === null ? '-' : `\`${s.lastError.replace(/`/g, "'")}\``,
  ]);
  const lines = markdownTable(['step', 'failed runs', 'last failed', 'last error'], rows);
  const note = `_From ${entry.failedRunsLookedAt} stored failed runs${entry.failedRunsTruncated ? ' (the newest ones only: there were more)' : ''}; confirmation retries count as runs._`;
  return [...lines, '', note];
}

function metadataLines(m: ReportMetadata, entry: SloReportEntry): string[] {
  const review = m.reviewDate === null ? NOT_SET : `${m.reviewDate}${m.reviewOverdue ? ' ⚠️ **overdue**' : ''}`;
  const rows = [
    ['Owner', m.owner ?? NOT_SET],
    ['Approver', m.approver ?? NOT_SET],
    ['Service', m.service ?? NOT_SET],
    ['CUJ description', m.description ?? NOT_SET],
    ['Runbook', m.runbookUrl ?? NOT_SET],
    ['Review date', review],
    ['Error budget policy', m.errorBudgetPolicy ?? NOT_SET],
    ['SLI', describeSli(entry.sli)],
    ['Objective', `${objectiveText(entry.objective)} over a rolling ${entry.period} (${entry.budgeting})`],
  ];
  return markdownTable(['field', 'value'], rows);
}

const NOT_SET = '_not set_';

function markdownTable(header: string[], rows: string[][]): string[] {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)];
}

function row(cells: string[]): string {
  return `| ${cells.map((c) => oneLine(c).replace(/\|/g, '\\|')).join(' | ')} |`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

function percent(ratio: number, digits: number): string {
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** At most two decimals, no trailing zeros: 1.2, 240, 0.33. */
function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function utc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
