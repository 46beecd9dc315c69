import type { Severity } from '../scoring/index.js';
import type { AlertEpisode, StoredAlertState } from '../store/index.js';
import type { AlertMessage, LinkSettings } from './alert-message.js';
import type { EpisodeDetails } from './episode-change.js';

/** An SLO as the whole configuration defines it: its name and its tiers' names. */
export interface ConfiguredSlo {
  name: string;
  tiers: readonly { name: string }[];
}

/** Why an alert is resolved without an evaluation saying it recovered. */
export type RemovalReason = 'slo-removed' | 'tier-removed';

/** A firing alert the configuration no longer defines. */
export interface RemovedAlert {
  state: StoredAlertState;
  reason: RemovalReason;
}

/** What the resolve says, for the responder. */
export const REMOVAL_REASON_TEXT: Readonly<Record<RemovalReason, string>> = Object.freeze({
  'slo-removed': 'SLO removed from config',
  'tier-removed': 'alert tier removed from the SLO in config',
});

/**
 * Firing alerts whose SLO, or tier, is not in `configured` (every SLO of the whole configuration).
 * An alert evaluated in this cycle (`evaluated`, by {@link alertKey}) is never one of them, whatever
 * `configured` says: its own evaluation decides.
 */
export function removedAlerts(states: readonly StoredAlertState[], configured: readonly ConfiguredSlo[], evaluated: ReadonlySet<string>): RemovedAlert[] {
  const tiers = new Map(configured.map((slo) => [slo.name, new Set(slo.tiers.map((tier) => tier.name))]));
  return states.flatMap((state): RemovedAlert[] => {
    if (state.status !== 'firing' || evaluated.has(alertKey(state.slo, state.tier))) return [];
    const known = tiers.get(state.slo);
    if (known === undefined) return [{ state, reason: 'slo-removed' }];
    return known.has(state.tier) ? [] : [{ state, reason: 'tier-removed' }];
  });
}

/** The key of one (SLO, tier) alert in maps and sets. */
export function alertKey(slo: string, tier: string): string {
  return JSON.stringify([slo, tier]);
}

/**
 * The resolve of a removed alert. There is no evaluation any more: what the alert said is taken
 * from its episode (journey, severity, last burn rate and budget, the runbook), so the receivers
 * match it with the alert they hold (Alertmanager matches on labels, journey among them).
 */
export function removedAlertMessage(removed: RemovedAlert, episode: AlertEpisode | undefined, nowMs: number, links: LinkSettings): AlertMessage {
  const { state, reason } = removed;
  const details = (episode?.details ?? {}) as Partial<EpisodeDetails>;
  const journey = episode?.journey ?? '';
  const text = REMOVAL_REASON_TEXT[reason];
  const at = new Date(nowMs).toISOString();
  return {
    kind: 'resolve',
    state: 'resolved',
    dedupKey: state.dedupKey,
    slo: state.slo,
    journey,
    cuj: details.cuj ?? null,
    tier: state.tier,
    severity: severityOf(state.tier, episode),
    summary: `Resolved: ${reason === 'slo-removed' ? `SLO ${state.slo}` : `tier ${state.tier} of SLO ${state.slo}`}${journey === '' ? '' : ` (journey ${journey})`} was removed from the config; the alert is closed without a recovery`,
    reason: text,
    firingSince: new Date(state.firingSinceMs ?? nowMs).toISOString(),
    resolvedAt: at,
    evaluatedAt: at,
    burnRateThreshold: typeof details.burnRateThreshold === 'number' ? details.burnRateThreshold : null,
    long: { window: typeof details.longWindow === 'string' ? details.longWindow : 'unknown', errorRatio: null, burnRate: episode?.last.burnRate ?? null, events: 0, bad: 0 },
    short: { window: 'unknown', errorRatio: null, burnRate: null, events: 0, bad: 0 },
    objective: null,
    budgetRemaining: episode?.last.budgetRemaining ?? null,
    runbookUrl: typeof details.runbookUrl === 'string' ? details.runbookUrl : null,
    owner: null,
    failingStep: null,
    latestFailedRun: null,
    failedRuns: 0,
    dashboardUrl: links.dashboardUrl,
  };
}

/** The episode's severity; without one (it should not happen: both are written together), read from the tier's default name. */
function severityOf(tier: string, episode: AlertEpisode | undefined): Severity {
  if (episode?.severity === 'page' || episode?.severity === 'ticket') return episode.severity;
  return tier.startsWith('ticket') ? 'ticket' : 'page';
}
