/**
 * How urgent an SLO is, for the board's order. The on-call question is "what needs me now?":
 * 1. a firing page alert;
 * 2. a firing ticket alert;
 * 3. a budget spent (at or below 0 left);
 * 4. the rest by budget left, lowest first (ties: the fastest burn first);
 * 5. SLOs with no data last: nothing to rank them by (they are marked, since a probe that stopped
 *    reporting is blind, not healthy).
 * Ties keep a stable order by SLO name.
 */
export type BoardStatus = 'page' | 'ticket' | 'exhausted' | 'at-risk' | 'ok' | 'no-data';

/** Below this share of the budget left an SLO is at risk. */
export const AT_RISK_REMAINING = 0.25;

export interface UrgencyInputs {
  slo: string;
  firingSeverities: readonly string[];
  /** Share of the budget left; null without data. */
  remaining: number | null;
  /** The highest long-window burn rate over the tiers; null without data. */
  maxBurnRate: number | null;
}

export function boardStatus(inputs: UrgencyInputs): BoardStatus {
  if (inputs.firingSeverities.includes('page')) return 'page';
  if (inputs.firingSeverities.length > 0) return 'ticket';
  if (inputs.remaining === null) return 'no-data';
  if (inputs.remaining <= 0) return 'exhausted';
  return inputs.remaining < AT_RISK_REMAINING ? 'at-risk' : 'ok';
}

const RANK: Record<BoardStatus, number> = { page: 0, ticket: 1, exhausted: 2, 'at-risk': 3, ok: 3, 'no-data': 4 };

/** Sorts most urgent first (see the module comment). */
export function byUrgency<T extends UrgencyInputs & { status: BoardStatus }>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      RANK[a.status] - RANK[b.status] ||
      (a.remaining ?? Infinity) - (b.remaining ?? Infinity) ||
      (b.maxBurnRate ?? -Infinity) - (a.maxBurnRate ?? -Infinity) ||
      (a.slo < b.slo ? -1 : a.slo > b.slo ? 1 : 0),
  );
}
