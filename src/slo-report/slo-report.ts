import type { SloStatus } from '../evaluation/index.js';
import type { JourneyResult } from '../journey/index.js';
import { MINUTE_MS, windowLabel, type SliSpec, type SloMetadata } from '../scoring/index.js';
import type { AlertEpisode } from '../store/index.js';
import { stepFailures, type StepFailure } from './step-failures.js';

/** Bumped when a field of {@link SloReport} changes meaning or is removed (adding fields does not bump it). */
export const SLO_REPORT_SCHEMA_VERSION = 1;

/** How many failing steps a report lists per SLO. */
export const TOP_FAILING_STEPS = 5;

/** What the report is built from, per SLO: all of it read from the store beforehand. */
export interface SloReportSource {
  /** The SLO evaluated over the report window (its period replaced by the window). */
  status: SloStatus;
  /** Alert episodes of the SLO overlapping the window, any order. */
  episodes: readonly AlertEpisode[];
  /** Failed runs (`failed`, `timedOut`) of the SLO's journey in the window, newest first. */
  failedRuns: readonly JourneyResult[];
  /** True when more failed runs were in the window than were read (the step counts cover the newest ones). */
  failedRunsTruncated: boolean;
}

export interface SloReportInput {
  /** The end of the window, epoch ms. */
  nowMs: number;
  windowMs: number;
  /** Runs counted for this target only; null: every target. */
  target: string | null;
  slos: readonly SloReportSource[];
}

/** The periodic report: `outpost slo report --format json` prints it as is (see README "SLO report"). */
export interface SloReport {
  schemaVersion: number;
  /** ISO-8601: the end of the window. */
  generatedAt: string;
  /** `28d`, `7d`, `12h`. */
  window: string;
  windowMs: number;
  /** ISO-8601 start of the window. */
  from: string;
  to: string;
  target: string | null;
  summary: ReportSummary;
  slos: SloReportEntry[];
}

export interface ReportSummary {
  slos: number;
  /** SLOs whose SLI over the window is at or above the objective. */
  met: number;
  /** SLOs whose SLI is below it. */
  missed: number;
  /** SLOs with no valid event in the window. */
  noData: number;
  /** Alert episodes overlapping the window, over every SLO. */
  incidents: number;
  /** Of those, the ones still firing. */
  ongoingIncidents: number;
}

/** One SLO over the window. */
export interface SloReportEntry {
  slo: string;
  journey: string;
  sli: SliSpec;
  /** A ratio: 0.995. */
  objective: number;
  /** The SLO's own rolling period (`28d`), which may differ from the report window. */
  period: string;
  budgeting: 'occurrences' | 'timeslices';
  /** What `events` counts: runs (occurrences) or time slices. */
  eventUnit: 'runs' | 'slices';
  /** Good share of valid events over the window; null without events. */
  sliValue: number | null;
  /** Whether the SLI met the objective; null without events. */
  met: boolean | null;
  events: number;
  badEvents: number;
  /** Valid runs in the window. */
  runs: number;
  /** Runs that passed only on a retry (flaky): shown, never charged to the budget. */
  degradedRuns: number;
  errorBudget: ReportBudget;
  incidents: Incident[];
  /** The steps that failed most in the window's stored failed runs, at most {@link TOP_FAILING_STEPS}. */
  topFailingSteps: StepFailure[];
  /** Failed runs the step counts come from. */
  failedRunsLookedAt: number;
  failedRunsTruncated: boolean;
  metadata: ReportMetadata;
  /** False when a window edge had to be read from coarser rollups (minute rollups already deleted). */
  exact: boolean;
}

/** The error budget over the window. Allowed = (1 − objective) × events. */
export interface ReportBudget {
  /** Share of the budget consumed (1: all of it; above 1: overspent); null without events. */
  consumed: number | null;
  /** 1 − consumed; negative when overspent; null without events. */
  remaining: number | null;
  allowedBadEvents: number;
  badEvents: number;
  /** Time-slice budgeting only (null otherwise): bad minutes the budget allows, and those spent. */
  allowedMinutes: number | null;
  consumedMinutes: number | null;
}

/** One alert period (an alert episode from the store). */
export interface Incident {
  tier: string;
  severity: string;
  /** ISO-8601; may be before the window's start. */
  start: string;
  /** ISO-8601; null while it still fires. */
  end: string | null;
  ongoing: boolean;
  /** From start to end (to the report's end while ongoing), in minutes. */
  durationMinutes: number;
  /** The highest long-window burn rate recorded during the episode. */
  peakBurnRate: number | null;
  /** The long-window burn rate when it fired. */
  firedBurnRate: number | null;
  /** The step the alert named when it fired. */
  failingStep: string | null;
  summary: string | null;
}

/** The SLO document's metadata; null where not set. */
export interface ReportMetadata {
  description: string | null;
  owner: string | null;
  approver: string | null;
  service: string | null;
  runbookUrl: string | null;
  reviewDate: string | null;
  /** True when `reviewDate` is before the report's end date (UTC). */
  reviewOverdue: boolean;
  errorBudgetPolicy: string | null;
}

/** Builds the report. Pure: everything comes from `input`, the end of the window too. */
export function buildSloReport(input: SloReportInput): SloReport {
  const entries = input.slos.map((source) => reportEntry(source, input.nowMs));
  const incidents = entries.flatMap((e) => e.incidents);
  return {
    schemaVersion: SLO_REPORT_SCHEMA_VERSION,
    generatedAt: new Date(input.nowMs).toISOString(),
    window: windowLabel(input.windowMs),
    windowMs: input.windowMs,
    from: new Date(input.nowMs - input.windowMs).toISOString(),
    to: new Date(input.nowMs).toISOString(),
    target: input.target,
    summary: {
      slos: entries.length,
      met: entries.filter((e) => e.met === true).length,
      missed: entries.filter((e) => e.met === false).length,
      noData: entries.filter((e) => e.met === null).length,
      incidents: incidents.length,
      ongoingIncidents: incidents.filter((i) => i.ongoing).length,
    },
    slos: entries,
  };
}

function reportEntry(source: SloReportSource, nowMs: number): SloReportEntry {
  const { slo, evaluation } = source.status;
  const budget = evaluation.budget;
  const hasEvents = budget.events > 0;
  return {
    slo: slo.name,
    journey: slo.journey,
    sli: slo.sli,
    objective: slo.objective,
    period: windowLabel(source.status.slo.periodMs),
    budgeting: slo.budgeting.method,
    eventUnit: slo.budgeting.method === 'timeslices' ? 'slices' : 'runs',
    sliValue: budget.sli,
    met: budget.sli === null ? null : budget.sli >= slo.objective,
    events: budget.events,
    badEvents: budget.bad,
    runs: source.status.runs,
    degradedRuns: source.status.degradedRuns,
    errorBudget: {
      consumed: hasEvents ? budget.ratio.consumed : null,
      remaining: hasEvents ? budget.ratio.remaining : null,
      allowedBadEvents: budget.badEvents.allowed,
      badEvents: budget.bad,
      allowedMinutes: budget.minutes?.allowed ?? null,
      consumedMinutes: budget.minutes?.consumed ?? null,
    },
    incidents: [...source.episodes].sort((a, b) => a.firingSinceMs - b.firingSinceMs || a.tier.localeCompare(b.tier)).map((e) => incident(e, nowMs)),
    topFailingSteps: stepFailures(source.failedRuns).slice(0, TOP_FAILING_STEPS),
    failedRunsLookedAt: source.failedRuns.length,
    failedRunsTruncated: source.failedRunsTruncated,
    metadata: reportMetadata(slo.metadata, nowMs),
    exact: source.status.exact,
  };
}

function incident(episode: AlertEpisode, nowMs: number): Incident {
  // A report of an earlier instant (`--at`) sees an episode resolved since as still firing then.
  const resolvedAtMs = episode.resolvedAtMs !== null && episode.resolvedAtMs <= nowMs ? episode.resolvedAtMs : null;
  const endMs = resolvedAtMs ?? nowMs;
  const details = detailsOf(episode.details);
  return {
    tier: episode.tier,
    severity: episode.severity,
    start: new Date(episode.firingSinceMs).toISOString(),
    end: resolvedAtMs === null ? null : new Date(resolvedAtMs).toISOString(),
    ongoing: resolvedAtMs === null,
    durationMinutes: Math.round(((endMs - episode.firingSinceMs) / MINUTE_MS) * 10) / 10,
    peakBurnRate: episode.peakBurnRate,
    firedBurnRate: episode.fired.burnRate,
    failingStep: details.failingStep,
    summary: details.summary,
  };
}

/** The parts of an episode's details the report shows; the store keeps them as opaque JSON, so read defensively. */
function detailsOf(details: unknown): { failingStep: string | null; summary: string | null } {
  if (typeof details !== 'object' || details === null) return { failingStep: null, summary: null };
  const record = details as { failingStep?: { name?: unknown } | null; summary?: unknown };
  const step = record.failingStep?.name;
  return { failingStep: typeof step === 'string' ? step : null, summary: typeof record.summary === 'string' ? record.summary : null };
}

function reportMetadata(metadata: SloMetadata, nowMs: number): ReportMetadata {
  const today = new Date(nowMs).toISOString().slice(0, 10);
  return {
    description: metadata.description ?? null,
    owner: metadata.owner ?? null,
    approver: metadata.approver ?? null,
    service: metadata.service ?? null,
    runbookUrl: metadata.runbookUrl ?? null,
    reviewDate: metadata.reviewDate ?? null,
    reviewOverdue: metadata.reviewDate !== undefined && metadata.reviewDate < today,
    errorBudgetPolicy: metadata.errorBudgetPolicy ?? null,
  };
}
