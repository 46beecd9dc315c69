import type { Severity } from '../../src/scoring/index.js';
import type { AlertTransition } from '../../src/scoring/replay/index.js';

/** A stretch of time during which a policy had an alert firing for one SLO. */
export interface AlertEpisode {
  slo: string;
  startMs: number;
  /** Null when it was still firing at the end of the replay. */
  endMs: number | null;
}

/**
 * Episodes of "some alert of these severities is firing": per-tier alerts are merged, since
 * a responder sees one incident however many tiers fire for it.
 */
export function episodesFromTransitions(transitions: readonly AlertTransition[], severities: readonly Severity[]): AlertEpisode[] {
  const episodes: AlertEpisode[] = [];
  const active = new Map<string, { count: number; episode: AlertEpisode }>();
  for (const t of transitions) {
    if (!severities.includes(t.severity)) continue;
    const slo = active.get(t.slo) ?? { count: 0, episode: { slo: t.slo, startMs: t.atMs, endMs: null } };
    if (t.state === 'firing' && slo.count++ === 0) episodes.push((slo.episode = { slo: t.slo, startMs: t.atMs, endMs: null }));
    if (t.state === 'resolved' && --slo.count === 0) slo.episode.endMs = t.atMs;
    active.set(t.slo, slo);
  }
  return episodes;
}

/** Builds episodes from a firing flag decided once per instant. */
export class EpisodeRecorder {
  readonly episodes: AlertEpisode[] = [];
  private open: AlertEpisode | null = null;

  constructor(private readonly slo: string) {}

  /** The policy's decision at `atMs`. */
  record(atMs: number, firing: boolean): void {
    if (firing && this.open === null) this.episodes.push((this.open = { slo: this.slo, startMs: atMs, endMs: null }));
    if (!firing && this.open !== null) {
      this.open.endMs = atMs;
      this.open = null;
    }
  }
}
