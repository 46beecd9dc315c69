import type { SliSpec, TierDecision } from '../../../scoring/index.js';
import type { AlertStateView } from '../sources/alert-source.js';
import type { BurnDownPoint, SloReading } from '../sources/slo-source.js';
import { boardStatus, byUrgency, type BoardStatus } from './urgency.js';

/** One tier's burn rates right now. */
export interface TierBurn {
  tier: string;
  severity: string;
  longWindowMs: number;
  shortWindowMs: number;
  /** Burn-rate factor that fires the tier (both windows must exceed it). */
  factor: number;
  long: number | null;
  short: number | null;
  /** The tier's condition holds now (MWMB and low-volume guards). */
  firing: boolean;
}

/** The alert state the board shows for an SLO. */
export interface BoardAlert {
  /** firing: some tier fires; resolved: fired within the period, not now; ok: none. */
  status: 'firing' | 'resolved' | 'ok';
  /** The most severe firing tier. */
  severity?: string;
  tier?: string;
  sinceMs?: number;
  /**
   * `alerting`: the state the alerting cycle keeps (with its hold and resolve rules);
   * `evaluation`: derived from the tiers firing now, when no alert channels are configured and no stored alert fires.
   */
  source: 'alerting' | 'evaluation';
}

/** One row of the SLO board. */
export interface BoardRow {
  slo: string;
  journey: string;
  description?: string;
  owner?: string;
  runbookUrl?: string;
  sli: string;
  objective: number;
  /** Good share of valid events over the period; null without events. */
  sliValue: number | null;
  events: number;
  bad: number;
  periodMs: number;
  /** Share of the budget left (1 untouched, below 0 overspent); null without events. */
  remaining: number | null;
  /** Burn rate over the whole period. */
  periodBurnRate: number | null;
  burnRates: TierBurn[];
  maxBurnRate: number | null;
  alert: BoardAlert;
  /** Runs that passed only on a retry, over the period (shown, never charged). */
  degradedRuns: number;
  /** False when a window's old edge was rounded to an hour or a day (finer rollups already deleted). */
  exact: boolean;
  status: BoardStatus;
  burnDown: BurnDownPoint[];
  firingSeverities: string[];
}

export interface BoardView {
  /** The instant the SLOs were evaluated at (the evaluation is reused for one refresh interval). */
  generatedAtMs: number;
  /** Most urgent first. */
  rows: BoardRow[];
  counts: Record<BoardStatus, number>;
}

/**
 * The alert states the store holds. `authoritative`: the alerting cycle keeps them (channels are
 * configured), so they alone say what fires; otherwise a stored firing alert still shows, and else
 * the tiers firing now.
 */
export interface StoredAlertStates {
  states: readonly AlertStateView[];
  authoritative: boolean;
}

export function boardView(readings: readonly SloReading[], alerts: StoredAlertStates | undefined, nowMs: number): BoardView {
  const rows = byUrgency(readings.map((reading) => boardRow(reading, alerts)));
  const counts: Record<BoardStatus, number> = { page: 0, ticket: 0, exhausted: 0, 'at-risk': 0, ok: 0, 'no-data': 0 };
  for (const row of rows) counts[row.status] += 1;
  return { generatedAtMs: nowMs, rows, counts };
}

function boardRow(reading: SloReading, alerts: StoredAlertStates | undefined): BoardRow {
  const { slo, budget } = reading;
  const burnRates = reading.tiers.map(tierBurn);
  const alert = alertOf(slo.name, reading.tiers, alerts);
  const firingSeverities = alert.status === 'firing' && alert.severity !== undefined ? [alert.severity] : [];
  const remaining = budget.events === 0 ? null : budget.ratio.remaining;
  const longRates = burnRates.flatMap((tier) => (tier.long === null ? [] : [tier.long]));
  const maxBurnRate = longRates.length === 0 ? null : Math.max(...longRates);
  const row = {
    slo: slo.name,
    journey: slo.journey,
    ...(slo.metadata.description === undefined ? {} : { description: slo.metadata.description }),
    ...(slo.metadata.owner === undefined ? {} : { owner: slo.metadata.owner }),
    ...(slo.metadata.runbookUrl === undefined ? {} : { runbookUrl: slo.metadata.runbookUrl }),
    sli: sliLabel(slo.sli),
    objective: slo.objective,
    sliValue: budget.sli,
    events: budget.events,
    bad: budget.bad,
    periodMs: slo.periodMs,
    remaining,
    periodBurnRate: budget.burnRate,
    burnRates,
    maxBurnRate,
    alert,
    degradedRuns: reading.degradedRuns,
    exact: reading.exact,
    burnDown: reading.burnDown,
    firingSeverities,
  };
  return { ...row, status: boardStatus(row) };
}

function tierBurn(decision: TierDecision): TierBurn {
  return {
    tier: decision.tier,
    severity: decision.severity,
    longWindowMs: decision.long.windowMs,
    shortWindowMs: decision.short.windowMs,
    factor: decision.factor,
    long: decision.long.burnRate,
    short: decision.short.burnRate,
    firing: decision.firing,
  };
}

const SEVERITY_ORDER = ['page', 'ticket'];

function mostSevere<T extends { severity: string }>(items: readonly T[]): T | undefined {
  const rank = (severity: string) => (SEVERITY_ORDER.indexOf(severity) + 1 || SEVERITY_ORDER.length + 1);
  return [...items].sort((a, b) => rank(a.severity) - rank(b.severity))[0];
}

function alertOf(slo: string, tiers: readonly TierDecision[], alerts: StoredAlertStates | undefined): BoardAlert {
  if (alerts === undefined) return evaluatedAlert(tiers);
  const stored = storedAlert(slo, alerts.states, tiers);
  if (alerts.authoritative || stored.status === 'firing') return stored;
  const evaluated = evaluatedAlert(tiers);
  return evaluated.status === 'firing' ? evaluated : stored;
}

function evaluatedAlert(tiers: readonly TierDecision[]): BoardAlert {
  const firing = mostSevere(tiers.filter((tier) => tier.firing));
  return firing === undefined ? { status: 'ok', source: 'evaluation' } : { status: 'firing', severity: firing.severity, tier: firing.tier, source: 'evaluation' };
}

function storedAlert(slo: string, states: readonly AlertStateView[], tiers: readonly TierDecision[]): BoardAlert {
  const severity = (tier: string) => tiers.find((t) => t.tier === tier)?.severity ?? 'page';
  const own = states.filter((state) => state.slo === slo).map((state) => ({ ...state, severity: severity(state.tier) }));
  const firing = mostSevere(own.filter((state) => state.status === 'firing'));
  if (firing !== undefined) {
    return { status: 'firing', severity: firing.severity, tier: firing.tier, ...(firing.firingSinceMs === null ? {} : { sinceMs: firing.firingSinceMs }), source: 'alerting' };
  }
  return { status: own.some((state) => state.status === 'resolved') ? 'resolved' : 'ok', source: 'alerting' };
}

/** "availability", "latency ≤ 2000 ms", "step 'pay' availability". */
export function sliLabel(sli: SliSpec): string {
  if (sli.kind === 'availability') return 'availability';
  if (sli.kind === 'step-availability') return `step '${sli.step}' availability`;
  return `${sli.step === undefined ? '' : `step '${sli.step}' `}latency ≤ ${sli.thresholdMs} ms`;
}
