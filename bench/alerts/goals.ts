import { MINUTE_MS } from '../../src/scoring/time-units.js';
import { mean, precision, recall, type PolicyScore } from './alert-quality.js';
import { POLICIES } from './policy-runs.js';

/** One of the goals for Outpost, measured. */
export interface GoalResult {
  goal: string;
  measured: string;
  met: boolean | null;
}

const minutes = (ms: number | null) => (ms === null ? '–' : `${(ms / MINUTE_MS).toFixed(1)} min`);

/**
 * The goals: precision ≥ 0.95; recall 1.0 on significant incidents; detection within 1.25×
 * of the fastest baseline with precision ≥ 0.9 (on the incidents both detected); reset
 * ≤ 10 min after recovery.
 */
export function checkGoals(scores: ReadonlyMap<string, PolicyScore>): GoalResult[] {
  const pages = scores.get('Outpost (pages)')!;
  const all = scores.get('Outpost (pages + tickets)')!;
  const precisionGoal = (score: PolicyScore): GoalResult => {
    const p = precision(score);
    return { goal: `precision ≥ 0.95, ${score.policy}`, measured: p === null ? 'no alerts' : p.toFixed(3), met: p !== null && p >= 0.95 };
  };
  const recallGoal = (score: PolicyScore): GoalResult => ({
    goal: `recall 1.0 on significant incidents, ${score.policy}`,
    measured: `${recall(score).toFixed(3)} (missed: ${missedKinds(score)})`,
    met: recall(score) === 1,
  });
  const resets = pages.detections.map((d) => d.resetMs);
  const meanReset = mean(resets);
  return [
    precisionGoal(pages),
    precisionGoal(all),
    recallGoal(all),
    recallGoal(pages),
    detectionGoal(pages, scores),
    {
      goal: 'reset ≤ 10 min after recovery, Outpost (pages), mean',
      measured: `${minutes(meanReset)} (max ${minutes(resets.length === 0 ? null : Math.max(...resets))})`,
      met: meanReset !== null && meanReset <= 10 * MINUTE_MS,
    },
  ];
}

function detectionGoal(outpost: PolicyScore, scores: ReadonlyMap<string, PolicyScore>): GoalResult {
  const goal = `detection ≤ 1.25× the fastest baseline with precision ≥ 0.9, ${outpost.policy}`;
  const qualifying = POLICIES.filter((p) => p.kind === 'baseline')
    .map((p) => scores.get(p.name)!)
    .filter((s) => (precision(s) ?? 0) >= 0.9 && s.detections.length > 0)
    .sort((a, b) => meanDetection(a.detections) - meanDetection(b.detections));
  if (qualifying.length === 0) return { goal, measured: 'no baseline reaches precision 0.9', met: null };
  const [fastest, ...others] = qualifying.map((baseline) => compareDetection(outpost, baseline));
  const also = others.map((c) => `; ${c.text}`).join('');
  return { goal, measured: `${fastest!.text}${also}`, met: fastest!.ratio <= 1.25 };
}

/** Outpost's mean detection over a baseline's, on the incidents both detected. */
function compareDetection(outpost: PolicyScore, baseline: PolicyScore): { ratio: number; text: string } {
  const theirs = new Map(baseline.detections.map((d) => [d.incident, d.detectionMs]));
  const common = outpost.detections.filter((d) => theirs.has(d.incident));
  const ours = mean(common.map((d) => d.detectionMs)) ?? 0;
  const base = mean(common.map((d) => theirs.get(d.incident)!)) ?? 0;
  const ratio = base === 0 ? Infinity : ours / base;
  return { ratio, text: `${ratio.toFixed(2)}× "${baseline.policy}" (${minutes(ours)} vs ${minutes(base)} on the ${common.length} incidents both detected)` };
}

function meanDetection(detections: readonly { detectionMs: number }[]): number {
  return mean(detections.map((d) => d.detectionMs)) ?? Infinity;
}

/** Missed incidents by kind, with how many seeds missed each (`outage-10m ×2`). */
export function missedKinds(score: PolicyScore): string {
  const counts = new Map<string, number>();
  for (const id of score.missed) counts.set(baseId(id), (counts.get(baseId(id)) ?? 0) + 1);
  return counts.size === 0 ? 'none' : [...counts].map(([id, n]) => `${id} ×${n}`).join(', ');
}

/** An incident id without its seed prefix (`s3/outage-10m` → `outage-10m`). */
export function baseId(id: string): string {
  return id.slice(id.indexOf('/') + 1);
}
