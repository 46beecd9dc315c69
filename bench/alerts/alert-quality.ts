import { HOUR_MS } from '../../src/scoring/time-units.js';
import type { AlertEpisode } from './alert-episodes.js';
import type { LabelledIncident } from './scenario.js';

/**
 * An episode belongs to the incident it starts in, or within this long after its end (a
 * long-window tier may cross its threshold just after the bad runs stop).
 */
export const ATTRIBUTION_GRACE_MS = HOUR_MS;

/** A significant incident a policy alerted on. */
export interface Detection {
  incident: string;
  /** From incident start to the first alert. */
  detectionMs: number;
  /** From incident end to the last of its alerts resolving (0 when they resolved before). */
  resetMs: number;
}

/** One policy's alert quality over one or more scenarios. */
export interface PolicyScore {
  policy: string;
  /** Firing episodes: what notifications a responder got. */
  episodes: number;
  /**
   * Alerts as a responder counts them: all episodes about one incident are one alert, and so
   * are episodes without an incident that start within the grace of the previous one's end.
   */
  alerts: number;
  significantIncidents: number;
  detections: Detection[];
  /** Significant incidents without an alert. */
  missed: string[];
  /** Incidents that should not have alerted, or `background@<iso>` for episodes with no incident. */
  falseAlarms: string[];
}

/**
 * Scores a policy's episodes against the labelled incidents (ids should be unique across
 * everything that is later merged).
 */
export function scorePolicy(policy: string, episodes: readonly AlertEpisode[], incidents: readonly LabelledIncident[], endMs: number): PolicyScore {
  const byIncident = new Map<LabelledIncident, AlertEpisode[]>();
  const falseAlarms: string[] = [];
  const lastBackgroundEnd = new Map<string, number>();
  for (const episode of [...episodes].sort((a, b) => a.startMs - b.startMs)) {
    const incident = incidents.find((i) => i.slo === episode.slo && episode.startMs >= i.startMs && episode.startMs <= i.startMs + i.durationMs + ATTRIBUTION_GRACE_MS);
    if (incident !== undefined) {
      byIncident.set(incident, [...(byIncident.get(incident) ?? []), episode]);
      continue;
    }
    const previousEnd = lastBackgroundEnd.get(episode.slo);
    if (previousEnd === undefined || episode.startMs > previousEnd + ATTRIBUTION_GRACE_MS) falseAlarms.push(`background@${new Date(episode.startMs).toISOString()}`);
    lastBackgroundEnd.set(episode.slo, episode.endMs ?? endMs);
  }
  const detections: Detection[] = [];
  for (const [incident, own] of byIncident) {
    if (!incident.significant) {
      falseAlarms.push(incident.id);
      continue;
    }
    const lastEnd = Math.max(...own.map((e) => e.endMs ?? endMs));
    const incidentEnd = incident.startMs + incident.durationMs;
    detections.push({ incident: incident.id, detectionMs: own[0]!.startMs - incident.startMs, resetMs: Math.max(0, lastEnd - incidentEnd) });
  }
  const significant = incidents.filter((i) => i.significant);
  const detected = new Set(detections.map((d) => d.incident));
  return {
    policy,
    episodes: episodes.length,
    alerts: detections.length + falseAlarms.length,
    significantIncidents: significant.length,
    detections,
    missed: significant.filter((i) => !detected.has(i.id)).map((i) => i.id),
    falseAlarms,
  };
}

/** Adds up one policy's scores over several scenarios (seeds). */
export function mergeScores(scores: readonly PolicyScore[]): PolicyScore {
  return {
    policy: scores[0]!.policy,
    episodes: scores.reduce((sum, s) => sum + s.episodes, 0),
    alerts: scores.reduce((sum, s) => sum + s.alerts, 0),
    significantIncidents: scores.reduce((sum, s) => sum + s.significantIncidents, 0),
    detections: scores.flatMap((s) => s.detections),
    missed: scores.flatMap((s) => s.missed),
    falseAlarms: scores.flatMap((s) => s.falseAlarms),
  };
}

/** Share of alerts that were about significant incidents; null without alerts. */
export function precision(score: PolicyScore): number | null {
  return score.alerts === 0 ? null : score.detections.length / score.alerts;
}

/** Share of significant incidents alerted on. */
export function recall(score: PolicyScore): number {
  return score.detections.length / score.significantIncidents;
}

/** Mean of a list, null when empty. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}
