// `npm run bench:alerts`: alert quality of Outpost's SLO alerting against classic policies on
// seeded synthetic probe traffic with labelled incidents, then the replay time of
// `outpost slo simulate` on 1.2 M results. Markdown on stdout, for BENCHMARKS.md "## Alerts".
import { parseArgs } from 'node:util';
import { mergeScores, scorePolicy, type PolicyScore } from './alert-quality.js';
import { checkGoals } from './goals.js';
import { POLICIES, runPolicies } from './policy-runs.js';
import { timeReplay } from './replay-timing.js';
import { renderGoals, renderIncidents, renderScores } from './report.js';
import { generateScenario, type LabelledIncident } from './scenario.js';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '5' },
    days: { type: 'string', default: '33' },
    'skip-timing': { type: 'boolean', default: false },
  },
});
const seeds = Number(values.seeds);
const days = Number(values.days);

const perSeed = new Map<string, PolicyScore[]>(POLICIES.map((p) => [p.name, []]));
const incidents: LabelledIncident[] = [];
for (let seed = 1; seed <= seeds; seed++) {
  const scenario = generateScenario({ seed, days });
  const labelled = scenario.incidents.map((i) => ({ ...i, id: `s${seed}/${i.id}` }));
  incidents.push(...labelled);
  const episodes = runPolicies(scenario);
  for (const policy of POLICIES) perSeed.get(policy.name)!.push(scorePolicy(policy.name, episodes.get(policy.name)!, labelled, scenario.endMs));
  process.stderr.write(`seed ${seed}/${seeds} scored\n`);
}
const merged = new Map(POLICIES.map((p) => [p.name, mergeScores(perSeed.get(p.name)!)]));
const scores = [...merged.values()];
const significant = incidents.filter((i) => i.significant).length;

const out: string[] = [
  `${seeds} seeds × ${days} days × 3 locations × 1 run/min × 2 journeys; ${significant} significant incidents, ${incidents.length - significant} that must not page.`,
  '',
  renderScores(scores),
  '',
  renderIncidents(incidents, scores.filter((s) => ['Outpost (pages)', 'Outpost (pages + tickets)', 'plain MWMB, no guards (pages)', '3 consecutive failures', '1 of 3 locations for 5 min'].includes(s.policy)), seeds),
  '',
  renderGoals(checkGoals(merged)),
];
process.stdout.write(`${out.join('\n')}\n`);

if (!values['skip-timing']) {
  const t = await timeReplay();
  process.stdout.write(
    `\nReplay: ${t.lines} lines (${t.journeys} journeys, ${t.fileMiB.toFixed(0)} MiB) in ${(t.wallMs / 1000).toFixed(1)} s wall, ` +
      `${t.cpuMs === null ? '?' : (t.cpuMs / 1000).toFixed(1)} s CPU, ${t.transitions} transitions, exit ${t.exitCode}\n`,
  );
}
