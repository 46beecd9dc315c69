import type { SloDefinition } from '../../src/scoring/index.js';
import { RunTable } from '../../src/scoring/replay/index.js';
import type { AlertEpisode } from './alert-episodes.js';
import { consecutiveFailures, locationsFailing } from './baseline-policies.js';
import { engineEpisodes, type EngineEpisodes, type GuardSetting } from './outpost-policies.js';
import { probeGrid, type ProbeGrid } from './probe-grid.js';
import { BENCH_SLOS, type Scenario } from './scenario.js';

/** What a policy decides from: one SLO's runs, as a table and as a grid. */
interface PolicyInput {
  slo: SloDefinition;
  grid: ProbeGrid;
  /** The engine's replay of the SLO with a guard setting (computed once each). */
  engine: (setting: GuardSetting) => EngineEpisodes;
}

/** A policy under comparison. */
export interface Policy {
  name: string;
  /** Outpost is the engine with its default guards; baselines are what it is compared with. */
  kind: 'outpost' | 'variant' | 'baseline';
  episodes: (input: PolicyInput) => AlertEpisode[];
}

const consecutive = (n: number): Policy => ({
  name: `${n} consecutive failure${n === 1 ? '' : 's'}`,
  kind: 'baseline',
  episodes: ({ grid, slo }) => consecutiveFailures(grid, slo.name, n),
});
const kOfM = (k: number, d: number): Policy => ({
  name: `${k} of 3 locations for ${d} min`,
  kind: 'baseline',
  episodes: ({ grid, slo }) => locationsFailing(grid, slo.name, k, d),
});

export const POLICIES: readonly Policy[] = [
  { name: 'Outpost (pages)', kind: 'outpost', episodes: ({ engine }) => engine('default').pages },
  { name: 'Outpost (pages + tickets)', kind: 'outpost', episodes: ({ engine }) => engine('default').all },
  // Not a baseline: the engine with one guard off, to show what that guard costs and buys.
  { name: 'Outpost without the Wilson guard (pages)', kind: 'variant', episodes: ({ engine }) => engine('noWilson').pages },
  { name: 'plain MWMB, no guards (pages)', kind: 'baseline', episodes: ({ engine }) => engine('none').pages },
  { name: 'plain MWMB, no guards (pages + tickets)', kind: 'baseline', episodes: ({ engine }) => engine('none').all },
  consecutive(1),
  consecutive(2),
  consecutive(3),
  kOfM(2, 1),
  kOfM(2, 3),
  kOfM(1, 3),
  kOfM(1, 5),
];

/** Every policy's alert episodes over one scenario, by policy name. */
export function runPolicies(scenario: Scenario): Map<string, AlertEpisode[]> {
  const table = new RunTable();
  for (const run of scenario.runs) table.add(run);
  const episodes = new Map<string, AlertEpisode[]>(POLICIES.map((p) => [p.name, []]));
  for (const slo of BENCH_SLOS) {
    const replays = new Map<GuardSetting, EngineEpisodes>();
    const engine = (setting: GuardSetting) => replays.get(setting) ?? replays.set(setting, engineEpisodes(table, slo, setting)).get(setting)!;
    const input = { slo, grid: probeGrid(scenario.runs, slo.journey, slo.sli, scenario), engine };
    for (const policy of POLICIES) episodes.get(policy.name)!.push(...policy.episodes(input));
  }
  return episodes;
}
