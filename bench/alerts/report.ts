import { MINUTE_MS } from '../../src/scoring/time-units.js';
import { mean, precision, recall, type PolicyScore } from './alert-quality.js';
import { baseId, type GoalResult } from './goals.js';
import type { LabelledIncident } from './scenario.js';

const min = (ms: number | null) => (ms === null ? '–' : (ms / MINUTE_MS).toFixed(1));

/** The main table: one row per policy. */
export function renderScores(scores: readonly PolicyScore[]): string {
  const rows = scores.map((s) => {
    const detection = s.detections.map((d) => d.detectionMs);
    const p = precision(s);
    return `| ${s.policy} | ${s.episodes} | ${s.alerts} | ${s.alerts - s.detections.length} | ${p === null ? '–' : p.toFixed(3)} | ${recall(s).toFixed(3)} | ${min(mean(detection))} | ${min(detection.length === 0 ? null : Math.max(...detection))} | ${min(mean(s.detections.map((d) => d.resetMs)))} |`;
  });
  return [
    '| policy | episodes | alerts | false alerts | precision | recall | detection mean (min) | detection max (min) | reset mean (min) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

/** Per significant incident kind: mean detection time (and how many seeds detected it) per policy. */
export function renderIncidents(incidents: readonly LabelledIncident[], scores: readonly PolicyScore[], seeds: number): string {
  const kinds = [...new Map(incidents.map((i) => [baseId(i.id), i])).values()];
  const rows = kinds.map((kind) => {
    const shares = incidents.filter((i) => baseId(i.id) === baseId(kind.id)).map((i) => i.budgetShare);
    const cells = scores.map((s) => {
      const own = s.detections.filter((d) => baseId(d.incident) === baseId(kind.id));
      if (!kind.significant) return `${s.falseAlarms.filter((f) => baseId(f) === baseId(kind.id)).length}/${seeds} alerted`;
      return own.length === 0 ? `missed ${seeds}/${seeds}` : `${min(mean(own.map((d) => d.detectionMs)))} (${own.length}/${seeds})`;
    });
    return `| ${baseId(kind.id)} | ${kind.slo} | ${((mean(shares) ?? 0) * 100).toFixed(2)}% | ${kind.significant ? 'yes' : 'no'} | ${cells.join(' | ')} |`;
  });
  return [
    `| incident | SLO | budget used | significant | ${scores.map((s) => s.policy).join(' | ')} |`,
    `| --- | --- | ---: | --- | ${scores.map(() => '---:').join(' | ')} |`,
    ...rows,
  ].join('\n');
}

/** Pass or miss per goal. */
export function renderGoals(goals: readonly GoalResult[]): string {
  return goals.map((g) => `- **${g.met === null ? 'n/a' : g.met ? 'PASS' : 'MISS'}** ${g.goal}: ${g.measured}`).join('\n');
}
