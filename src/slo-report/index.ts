/**
 * The periodic SLO report (`outpost slo report`): per SLO, the SLI against the objective over a
 * window, the error budget consumed, the alert periods, the steps that failed most, degraded runs
 * and the SLO document's metadata.
 *
 * Stable API:
 * - `buildSloReport(input): SloReport`: pure; everything (the end of the window too) comes in `input`.
 * - `loadSloReport({ store, slos, nowMs, windowMs, target? }): Promise<SloReport>`: reads the store
 *   (rollups, alert episodes, failed runs) and builds the report.
 */
export { buildSloReport, SLO_REPORT_SCHEMA_VERSION, TOP_FAILING_STEPS } from './slo-report.js';
export type { SloReport, SloReportEntry, SloReportInput, SloReportSource, ReportSummary, ReportBudget, ReportMetadata, Incident } from './slo-report.js';
export { stepFailures } from './step-failures.js';
export type { StepFailure } from './step-failures.js';
export { loadSloReport, MAX_FAILED_RUNS } from './load-slo-report.js';
export type { LoadSloReportOptions } from './load-slo-report.js';
