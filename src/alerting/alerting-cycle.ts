import { randomUUID } from 'node:crypto';
import type { Logger } from '../scheduler/index.js';
import {
  advanceAlert,
  DEFAULT_LIFECYCLE_OPTIONS,
  type AlertState,
  type LifecycleOptions,
  type SloEvaluation,
  type TierDecision,
} from '../scoring/index.js';
import type { AlertEpisode, EpisodeChange, NewDelivery, ResultStore, StateWrite, StoredAlertState } from '../store/index.js';
import { channelTakes, type AlertChannel } from './alert-channel.js';
import { loadAlertContext, type AlertContext } from './alert-context.js';
import { buildAlertMessage, type AlertMessage, type LinkSettings, type MessageKind, type SloAlertMetadata } from './alert-message.js';
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './delivery-policy.js';
import { episodeChange, episodeId } from './episode-change.js';
import { OutboxDeliverer, type DeliveryReport } from './outbox-deliverer.js';
import { alertKey, REMOVAL_REASON_TEXT, removedAlertMessage, removedAlerts, type ConfiguredSlo, type RemovedAlert } from './removed-alerts.js';

export interface AlertingCycleOptions {
  /** Alert state, history and outbox (`alerts`), and the raw runs alerts are explained from. */
  store: Pick<ResultStore, 'alerts' | 'queryRuns'>;
  channels: readonly AlertChannel[];
  /** This replica's name: it claims outbox rows under it. */
  owner: string;
  logger: Logger;
  /** The configured SLOs' metadata (runbook URL, owner), by name. */
  slos?: readonly { name: string; metadata?: SloAlertMetadata }[];
  /**
   * Every SLO the whole configuration defines, with its tiers. A firing alert in the store whose SLO
   * or tier is not among them is resolved (reason `SLO removed from config`), through the outbox like
   * any resolve. Leave it undefined when the caller cannot know the whole set (it evaluates only part
   * of the config): then no alert is resolved for being absent. An alert evaluated in the cycle is
   * never resolved this way.
   */
  configuredSlos?: readonly ConfiguredSlo[];
  links?: Partial<LinkSettings>;
  lifecycle?: LifecycleOptions;
  delivery?: DeliveryPolicy;
  /** Applied to delivery errors before they are stored or logged. */
  redact?: (text: string) => string;
  /** The clock deliveries are timed with (default `Date.now`); evaluations bring their own `now`. */
  now?: () => number;
  random?: () => number;
  /** Outbox row ids (default random UUIDs). */
  newId?: () => string;
  /** Delivered and given-up outbox rows are deleted this long after they were enqueued (default 30 days). */
  keepDeliveriesMs?: number;
}

const DEFAULT_KEEP_DELIVERIES_MS = 30 * 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;
const PRUNE_BATCH = 5_000;

/** What one cycle did. */
export interface CycleReport {
  atMs: number;
  /** Lifecycle notifications (trigger, renotify, resolve) this cycle produced; `reason` on a resolve of a removed alert. */
  notifications: { slo: string; tier: string; kind: MessageKind; reason?: string }[];
  /** Outbox rows written (one per notification and channel, plus re-sends). */
  enqueued: number;
  /** Old finished outbox rows deleted (at most hourly). */
  pruned: number;
  /** Another writer changed an alert state meanwhile: nothing was written; the next cycle starts over. */
  conflict: boolean;
  delivery: DeliveryReport;
}

/** What a cycle writes in its one transaction. */
interface Plan {
  states: StateWrite[];
  episodes: EpisodeChange[];
  deliveries: NewDelivery[];
}

/** One (SLO, tier) with this cycle's decision and its persisted state. */
interface TierWork {
  evaluation: SloEvaluation;
  decision: TierDecision;
  stored: StoredAlertState | undefined;
}

/**
 * One round of alerting, run by the leader every evaluation interval: applies each SLO tier's
 * decision to its persisted lifecycle state, writes the new states, the alert history and one
 * outbox row per notification and channel in one transaction, then delivers what is due.
 * A restart resumes from the store: a firing alert is neither fired again nor forgotten.
 *
 * @example
 * const cycle = new AlertingCycle({ store, channels, owner: 'replica-1', logger });
 * const report = await cycle.run(evaluations, Date.now());
 */
export class AlertingCycle {
  private readonly deliverer: OutboxDeliverer;
  private readonly metadata: Map<string, SloAlertMetadata>;
  private readonly links: LinkSettings;
  private readonly newId: () => string;
  /** When each (alert, channel) was last sent to, for periodic re-sends; in memory (a re-send after a restart is harmless). */
  private readonly lastSent = new Map<string, number>();
  private lastPrunedAtMs: number | undefined;

  constructor(private readonly options: AlertingCycleOptions) {
    this.deliverer = new OutboxDeliverer({
      store: options.store.alerts,
      channels: options.channels,
      owner: options.owner,
      policy: options.delivery ?? DEFAULT_DELIVERY_POLICY,
      redact: options.redact,
      logger: options.logger,
      now: options.now,
      random: options.random,
    });
    this.metadata = new Map((options.slos ?? []).flatMap((slo) => (slo.metadata === undefined ? [] : [[slo.name, slo.metadata]])));
    this.links = { dashboardUrl: options.links?.dashboardUrl ?? null, traceUrlTemplate: options.links?.traceUrlTemplate ?? null };
    this.newId = options.newId ?? randomUUID;
  }

  /**
   * Advances every tier of `evaluations` (taken at `nowMs`), records the outcome, then delivers due
   * notifications. `signal` (leadership lost, shutdown) stops delivery between batches; what is
   * left is delivered by the next cycle, here or on the new leader.
   */
  async run(evaluations: readonly SloEvaluation[], nowMs: number, signal?: AbortSignal): Promise<CycleReport> {
    const states = await this.options.store.alerts.loadStates();
    const stored = new Map(states.map((state) => [alertKey(state.slo, state.tier), state]));
    const work = evaluations.flatMap((evaluation) =>
      evaluation.tiers.map((decision) => ({ evaluation, decision, stored: stored.get(alertKey(decision.slo, decision.tier)) })),
    );
    const contexts = new ContextCache(this.options.store, nowMs);
    const transitions: Plan = { states: [], episodes: [], deliveries: [] };
    const report: CycleReport = { atMs: nowMs, notifications: [], enqueued: 0, pruned: 0, conflict: false, delivery: emptyDelivery() };
    const sent = new Map<string, number>();
    for (const item of work) await this.advance(item, nowMs, contexts, transitions, report, sent);
    const configured = this.options.configuredSlos;
    if (configured !== undefined) {
      const evaluated = new Set(work.map((item) => alertKey(item.decision.slo, item.decision.tier)));
      for (const removed of removedAlerts(states, configured, evaluated)) await this.resolveRemoved(removed, nowMs, transitions, report);
    }
    const outcome = await this.options.store.alerts.recordTransitions(transitions);
    if (outcome.status === 'conflict') {
      report.conflict = true;
      this.options.logger.warn('alert.state_conflict', { slo: outcome.slo, tier: outcome.tier, note: 'another replica wrote alert state; nothing recorded, the next cycle starts over' });
    } else {
      report.enqueued = outcome.enqueued;
      for (const [key, at] of sent) this.lastSent.set(key, at);
      this.logNotifications(report);
    }
    report.delivery = await this.deliverer.deliverDue(signal);
    report.pruned = await this.prune(nowMs);
    return report;
  }

  /** Deletes old delivered and given-up rows, at most once an hour, so the outbox stays small. */
  private async prune(nowMs: number): Promise<number> {
    if (this.lastPrunedAtMs !== undefined && nowMs - this.lastPrunedAtMs < PRUNE_EVERY_MS) return 0;
    this.lastPrunedAtMs = nowMs;
    return this.options.store.alerts.deleteDeliveriesBefore(nowMs - (this.options.keepDeliveriesMs ?? DEFAULT_KEEP_DELIVERIES_MS), PRUNE_BATCH);
  }

  private async advance(
    item: TierWork,
    nowMs: number,
    contexts: ContextCache,
    transitions: Plan,
    report: CycleReport,
    sent: Map<string, number>,
  ): Promise<void> {
    const { evaluation, decision, stored } = item;
    const step = advanceAlert(stored === undefined ? undefined : toAlertState(stored), decision, nowMs, this.options.lifecycle ?? DEFAULT_LIFECYCLE_OPTIONS);
    const [notification] = step.notifications;
    if (notification === undefined) {
      if (step.state.status === 'firing') transitions.deliveries.push(...(await this.resends(item, step.state, nowMs, contexts, sent)));
      return;
    }
    transitions.states.push({ state: step.state, expectedVersion: stored?.version ?? null });
    const message = this.message(notification.kind, { ...notification, decision }, evaluation, await contexts.get(evaluation.journey, decision.long.windowMs));
    transitions.episodes.push(episodeChange(notification, message, evaluation));
    report.notifications.push({ slo: notification.slo, tier: notification.tier, kind: notification.kind });
    for (const channel of this.options.channels) {
      if (!channelTakes(channel, notification.severity)) continue;
      transitions.deliveries.push(this.delivery(channel, message, nowMs));
      sent.set(sentKey(message.dedupKey, channel.name), nowMs);
    }
  }

  /**
   * Resolves a firing alert whose SLO or tier the configuration no longer defines: nothing will
   * evaluate it again, so without this it would stay open at every receiver. Closes its episode
   * with the last reading it had.
   */
  private async resolveRemoved(removed: RemovedAlert, nowMs: number, transitions: Plan, report: CycleReport): Promise<void> {
    const { state } = removed;
    const episode = await this.openEpisode(state);
    const message = removedAlertMessage(removed, episode, nowMs, this.links);
    const resolved = { ...toAlertState(state), status: 'resolved' as const, resolvedAtMs: nowMs, lastNotifiedAtMs: nowMs, lastEvaluatedAtMs: nowMs };
    transitions.states.push({ state: resolved, expectedVersion: state.version });
    if (episode !== undefined) transitions.episodes.push({ kind: 'close', id: episode.id, atMs: nowMs, reading: episode.last });
    report.notifications.push({ slo: state.slo, tier: state.tier, kind: 'resolve', reason: REMOVAL_REASON_TEXT[removed.reason] });
    for (const channel of this.options.channels) {
      if (channelTakes(channel, message.severity)) transitions.deliveries.push(this.delivery(channel, message, nowMs));
    }
  }

  /** The still open episode of a firing alert (written with its trigger), for what the alert said. */
  private async openEpisode(state: StoredAlertState): Promise<AlertEpisode | undefined> {
    if (state.firingSinceMs === null) return undefined;
    const id = episodeId(state.dedupKey, state.firingSinceMs);
    const episodes = await this.options.store.alerts.queryEpisodes({ slo: state.slo, fromMs: state.firingSinceMs });
    return episodes.find((episode) => episode.id === id);
  }

  /** Re-sends of a firing alert to the channels that want them, when their interval has passed. */
  private async resends(item: TierWork, state: AlertState, nowMs: number, contexts: ContextCache, sent: Map<string, number>): Promise<NewDelivery[]> {
    const due = this.options.channels.filter((channel) => {
      if (channel.resendIntervalMs === undefined || !channelTakes(channel, item.decision.severity)) return false;
      const last = this.lastSent.get(sentKey(state.dedupKey, channel.name));
      return last === undefined || nowMs - last >= channel.resendIntervalMs;
    });
    if (due.length === 0) return [];
    const notification = {
      dedupKey: state.dedupKey,
      slo: state.slo,
      tier: state.tier,
      severity: item.decision.severity,
      firingSinceMs: state.firingSinceMs ?? nowMs,
      resolvedAtMs: null,
      decision: item.decision,
    };
    const message = this.message('resend', notification, item.evaluation, await contexts.get(item.evaluation.journey, item.decision.long.windowMs));
    return due.map((channel) => {
      sent.set(sentKey(state.dedupKey, channel.name), nowMs);
      return { ...this.delivery(channel, message, nowMs), onlyIfIdle: true };
    });
  }

  private message(kind: MessageKind, notification: Parameters<typeof buildAlertMessage>[0]['notification'], evaluation: SloEvaluation, context: AlertContext): AlertMessage {
    return buildAlertMessage({ notification, kind, evaluation, context, metadata: this.metadata.get(notification.slo), links: this.links });
  }

  private delivery(channel: AlertChannel, message: AlertMessage, nowMs: number): NewDelivery {
    return { id: this.newId(), dedupKey: message.dedupKey, channel: channel.name, kind: message.kind, severity: message.severity, createdAtMs: nowMs, message };
  }

  private logNotifications(report: CycleReport): void {
    for (const n of report.notifications) this.options.logger.info(`alert.${n.kind}`, { slo: n.slo, tier: n.tier, ...(n.reason === undefined ? {} : { reason: n.reason }) });
  }
}

/** The alert context per journey and window, read once per cycle however many tiers need it. */
class ContextCache {
  private readonly cache = new Map<string, Promise<AlertContext>>();

  constructor(
    private readonly store: Pick<ResultStore, 'queryRuns'>,
    private readonly nowMs: number,
  ) {}

  get(journey: string, windowMs: number): Promise<AlertContext> {
    const key = `${windowMs}:${journey}`;
    let context = this.cache.get(key);
    if (context === undefined) {
      context = loadAlertContext(this.store, { journey, fromMs: this.nowMs - windowMs, toMs: this.nowMs + 1 });
      this.cache.set(key, context);
    }
    return context;
  }
}

function toAlertState(stored: StoredAlertState): AlertState {
  const { version: _version, ...state } = stored;
  return state;
}

function sentKey(dedupKey: string, channel: string): string {
  return JSON.stringify([dedupKey, channel]);
}

function emptyDelivery(): DeliveryReport {
  return { delivered: 0, retrying: 0, gaveUp: 0, released: 0, lostClaims: 0 };
}
