/**
 * Replays historical results through the scoring and alerting engine in simulated time, as
 * `outpost slo simulate` does: every alert transition, and why silent tiers stayed silent.
 * Pure: the caller reads the file and hands over lines.
 */
export { parseResultLine } from './result-line.js';
export type { ResultLine, ParsedLine } from './result-line.js';
export { RunTable } from './run-table.js';
export type { RunRow } from './run-table.js';
export { runClassifier } from './slo-rollups.js';
export type { RunCounts } from './slo-rollups.js';
export { stepSliIssues } from './replayable-slos.js';
export { replayResults, EmptyReplayError } from './replay-results.js';
export type { ReplayReport, SloReplayReport } from './replay-results.js';
export { replayClock } from './slo-replay.js';
export type { AlertTransition, ReplayClock, TierReplay } from './slo-replay.js';
export type { ClosestApproach, NearMiss } from './closest-approach.js';
export { windowLabel } from './window-label.js';
export { explainTier, describeBlockers, burn } from './tier-explanation.js';
