import type { AlertNotification, SloEvaluation } from '../scoring/index.js';
import type { EpisodeChange } from '../store/index.js';
import type { AlertMessage } from './alert-message.js';

/** What the dashboard and `slo report` show of an episode besides its times and readings. */
export interface EpisodeDetails {
  summary: string;
  cuj: AlertMessage['cuj'];
  failingStep: AlertMessage['failingStep'];
  latestFailedRun: AlertMessage['latestFailedRun'];
  runbookUrl: string | null;
  burnRateThreshold: number | null;
  longWindow: string;
}

/** The id of an episode: its alert and when it started firing. */
export function episodeId(dedupKey: string, firingSinceMs: number): string {
  return `${dedupKey}@${firingSinceMs}`;
}

/** The history change a lifecycle notification makes: a trigger opens an episode, a re-notification updates it, a resolve closes it. */
export function episodeChange(notification: AlertNotification, message: AlertMessage, evaluation: Pick<SloEvaluation, 'journey'>): EpisodeChange {
  const id = episodeId(notification.dedupKey, notification.firingSinceMs);
  const reading = { burnRate: message.long.burnRate, budgetRemaining: message.budgetRemaining };
  if (notification.kind === 'renotify') return { kind: 'update', id, atMs: notification.atMs, reading };
  if (notification.kind === 'resolve') return { kind: 'close', id, atMs: notification.resolvedAtMs ?? notification.atMs, reading };
  const details: EpisodeDetails = {
    summary: message.summary,
    cuj: message.cuj,
    failingStep: message.failingStep,
    latestFailedRun: message.latestFailedRun,
    runbookUrl: message.runbookUrl,
    burnRateThreshold: message.burnRateThreshold,
    longWindow: message.long.window,
  };
  return {
    kind: 'open',
    episode: {
      id,
      dedupKey: notification.dedupKey,
      slo: notification.slo,
      journey: evaluation.journey,
      tier: notification.tier,
      severity: notification.severity,
      firingSinceMs: notification.firingSinceMs,
      fired: reading,
      details,
    },
  };
}
