/**
 * SLO evaluation from the store: reads the rollups (src/store) and hands counts to the pure scoring
 * engine (src/scoring). What `outpost slo status`, `outpost serve`'s SLO gauges, the alerting cycle and
 * the dashboard call. Not pure: the store is passed in; the instant too.
 *
 * Stable API:
 * - `evaluateSlos({ store, slos, nowMs, target?, burnWindowsMs? }): Promise<SloStatus[]>`: one
 *   `SloStatus` per SLO, in the order given: `evaluation` (the scoring engine's `SloEvaluation`:
 *   budget as ratio, bad events and minutes, every tier's decision with both windows' burn rates
 *   and guards), `sli`, `runs` and `degradedRuns` over the period, `burnRates` for the extra windows
 *   (1h, 6h, 3d by default), `firingTiers`, the latency cut for latency SLIs, and `exact`; with
 *   `burnDown: true`, also `burnDown` (budget left per day of the period, then now).
 */
export { evaluateSlos, STATUS_BURN_WINDOWS_MS } from './evaluate-slos.js';
export type { EvaluateSlosOptions, SloStatus, BurnReading } from './evaluate-slos.js';
export type { BurnDownPoint } from './burn-down.js';
