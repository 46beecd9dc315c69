import { DEFAULT_GUARDS, resolveSlo, type LowVolumeGuards, type Severity, type SloDefinition } from '../../src/scoring/index.js';
import { replayResults, type RunTable } from '../../src/scoring/replay/index.js';
import { episodesFromTransitions, type AlertEpisode } from './alert-episodes.js';

/** The guard settings compared: the engine's defaults, without the Wilson guard, and none (plain MWMB). */
export const GUARD_SETTINGS = {
  default: { ...DEFAULT_GUARDS },
  noWilson: { ...DEFAULT_GUARDS, wilsonConfidence: null },
  none: { minEvents: 0, minBadEvents: 0, wilsonConfidence: null, recoveryConfidence: null },
} satisfies Record<string, LowVolumeGuards>;

export type GuardSetting = keyof typeof GUARD_SETTINGS;

/** Alert episodes per severity set, from one replay of an SLO through the engine. */
export interface EngineEpisodes {
  pages: AlertEpisode[];
  all: AlertEpisode[];
}

/** Replays the results through `outpost slo simulate`'s engine with one of the guard settings. */
export function engineEpisodes(table: RunTable, definition: SloDefinition, setting: GuardSetting): EngineEpisodes {
  const slo = resolveSlo({ ...definition, guards: GUARD_SETTINGS[setting] });
  const { transitions } = replayResults(table, [slo]);
  const only = (severities: Severity[]) => episodesFromTransitions(transitions, severities);
  return { pages: only(['page']), all: only(['page', 'ticket']) };
}
