import type { AlertEpisode, AlertStore, Delivery } from '../../../store/index.js';
import type { AlertEventView, AlertSource, AlertView, DeliveryView } from './alert-source.js';

/** Deliveries read per alert episode. */
const DELIVERIES_PER_EPISODE = 200;

/** Alerts as the alerting cycle keeps them in the store: states, episodes and the outbox. */
export function storeAlertSource(store: AlertStore): AlertSource {
  return {
    states: async () => (await store.loadStates()).map((state) => ({ slo: state.slo, tier: state.tier, status: state.status, firingSinceMs: state.firingSinceMs })),
    alerts: async ({ limit, slo }) => {
      const episodes = await store.queryEpisodes({ limit, ...(slo === undefined ? {} : { slo }) });
      const views = await Promise.all(episodes.map(async (episode) => alertView(episode, await episodeDeliveries(store, episode))));
      return [...views.filter((v) => v.status === 'firing'), ...views.filter((v) => v.status === 'resolved')];
    },
  };
}

async function episodeDeliveries(store: AlertStore, episode: AlertEpisode): Promise<Delivery[]> {
  const deliveries = await store.queryDeliveries({ dedupKey: episode.dedupKey, fromMs: episode.firingSinceMs, limit: DELIVERIES_PER_EPISODE });
  return deliveries.filter((d) => episode.resolvedAtMs === null || d.createdAtMs <= episode.resolvedAtMs).reverse();
}

function alertView(episode: AlertEpisode, deliveries: readonly Delivery[]): AlertView {
  const details = readDetails(episode.details);
  return {
    id: episode.id,
    slo: episode.slo,
    journey: episode.journey,
    tier: episode.tier,
    severity: episode.severity,
    status: episode.resolvedAtMs === null ? 'firing' : 'resolved',
    firingSinceMs: episode.firingSinceMs,
    resolvedAtMs: episode.resolvedAtMs,
    burnRate: episode.fired.burnRate,
    peakBurnRate: episode.peakBurnRate,
    budgetRemaining: episode.last.budgetRemaining,
    ...details,
    deliveries: deliveries.map(deliveryView),
    timeline: timeline(episode, deliveries),
  };
}

/** The episode's details are the alerting cycle's JSON; read defensively, field by field. */
function readDetails(details: unknown): Pick<AlertView, 'failingStep' | 'error' | 'runId'> {
  const record = isRecord(details) ? details : {};
  const step = isRecord(record.failingStep) ? record.failingStep : undefined;
  const run = isRecord(record.latestFailedRun) ? record.latestFailedRun : undefined;
  return {
    ...(typeof step?.name === 'string' ? { failingStep: step.name } : {}),
    ...(typeof step?.lastError === 'string' ? { error: step.lastError } : {}),
    ...(typeof run?.id === 'string' ? { runId: run.id } : {}),
  };
}

function deliveryView(delivery: Delivery): DeliveryView {
  return {
    channel: delivery.channel,
    kind: delivery.kind,
    status: delivery.status,
    attempts: delivery.attempts,
    createdAtMs: delivery.createdAtMs,
    deliveredAtMs: delivery.deliveredAtMs,
    lastError: delivery.lastError,
  };
}

function timeline(episode: AlertEpisode, deliveries: readonly Delivery[]): AlertEventView[] {
  const events: AlertEventView[] = [{ atMs: episode.firingSinceMs, event: 'fired', detail: `${episode.tier} (${episode.severity})` }];
  for (const d of deliveries) {
    events.push({ atMs: d.createdAtMs, event: `${d.kind} queued`, detail: `to ${d.channel}` });
    if (d.deliveredAtMs !== null) events.push({ atMs: d.deliveredAtMs, event: `${d.kind} delivered`, detail: `to ${d.channel}${d.attempts > 1 ? ` after ${d.attempts} attempts` : ''}` });
    else if (d.lastErrorAtMs !== null) events.push({ atMs: d.lastErrorAtMs, event: d.status === 'gave-up' ? `${d.kind} given up` : `${d.kind} failed, retrying`, detail: `to ${d.channel}: ${d.lastError ?? ''}` });
  }
  if (episode.resolvedAtMs !== null) events.push({ atMs: episode.resolvedAtMs, event: 'resolved', detail: '' });
  return events.sort((a, b) => a.atMs - b.atMs);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
