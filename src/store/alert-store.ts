/**
 * Where the alerting cycle keeps what must survive a restart or a change of leader: the lifecycle
 * state per (SLO, tier), the history of alert episodes, and the outbox of notifications to deliver.
 *
 * The store knows nothing of the lifecycle rules or the wire formats: it keeps rows, checks
 * versions and hands out due deliveries. A message is opaque JSON to it.
 */

export type StoredAlertStatus = 'inactive' | 'firing' | 'resolved';

/** The lifecycle state of one (SLO, tier), as the alerting cycle last wrote it. */
export interface StoredAlertState {
  slo: string;
  tier: string;
  dedupKey: string;
  status: StoredAlertStatus;
  firingSinceMs: number | null;
  resolvedAtMs: number | null;
  lastNotifiedAtMs: number | null;
  lastEvaluatedAtMs: number | null;
  /** Bumped by every write; a write names the version it read, so two writers cannot both win. */
  version: number;
}

/** How much of the budget was left and how fast it burned, at one instant. */
export interface AlertReading {
  /** The long window's burn rate; null when the window held no events. */
  burnRate: number | null;
  /** Share of the period's error budget left (may be negative when overspent). */
  budgetRemaining: number | null;
}

/** One firing period of an alert: from trigger to resolve (still open while firing). */
export interface AlertEpisode {
  /** Stable: `<dedupKey>@<firingSinceMs>`. */
  id: string;
  dedupKey: string;
  slo: string;
  journey: string;
  tier: string;
  severity: string;
  firingSinceMs: number;
  /** Null while it still fires. */
  resolvedAtMs: number | null;
  /** When it fired. */
  fired: AlertReading;
  /** The highest long-window burn rate written during the episode. */
  peakBurnRate: number | null;
  /** The latest reading written (at a re-notification or at the resolve). */
  last: AlertReading;
  updatedAtMs: number;
  /** What the alert said when it fired (failing step, its error, the latest failed run). Opaque to the store. */
  details: unknown;
}

/** A change to the history that goes with a state change. */
export type EpisodeChange =
  | { kind: 'open'; episode: Omit<AlertEpisode, 'peakBurnRate' | 'last' | 'updatedAtMs' | 'resolvedAtMs'> }
  | { kind: 'update'; id: string; atMs: number; reading: AlertReading }
  | { kind: 'close'; id: string; atMs: number; reading: AlertReading };

/** What a notification does to the alert on the receiving side. */
export type DeliveryKind = 'trigger' | 'renotify' | 'resend' | 'resolve';

/** A notification for one channel: what it is, whichever its delivery status. */
export interface DeliveryContent {
  /** Unique and stable: receivers use it as the idempotency key. */
  id: string;
  dedupKey: string;
  channel: string;
  kind: DeliveryKind;
  severity: string;
  createdAtMs: number;
  /** The alert content; opaque to the store. */
  message: unknown;
}

/** A notification for one channel, to enqueue. */
export interface NewDelivery extends DeliveryContent {
  /**
   * Enqueue only when the channel has nothing undelivered for this alert yet. Periodic re-sends
   * use it, so a receiver that is down for hours does not find a pile of them when it returns.
   */
  onlyIfIdle?: boolean;
}

/**
 * - `pending`: not tried yet;
 * - `failed-retrying`: tried, failed in a way that may pass later, tried again at `nextAttemptAtMs`;
 * - `delivered`: the receiver accepted it;
 * - `gave-up`: failed for good (the receiver rejected it, or retries ran out).
 */
export type DeliveryStatus = 'pending' | 'failed-retrying' | 'delivered' | 'gave-up';

/** One notification × channel, with its delivery status. */
export interface Delivery extends DeliveryContent {
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAtMs: number;
  lastAttemptAtMs: number | null;
  deliveredAtMs: number | null;
  /** Why the latest failed attempt failed (redacted by the caller before it was stored); kept after a later success. */
  lastError: string | null;
  lastErrorAtMs: number | null;
}

/** A state write: the new state and the version it replaces (null: there was no row). */
export interface StateWrite {
  state: Omit<StoredAlertState, 'version'>;
  expectedVersion: number | null;
}

/** Everything one alerting cycle writes, applied in one transaction. */
export interface AlertTransitions {
  states: readonly StateWrite[];
  episodes: readonly EpisodeChange[];
  deliveries: readonly NewDelivery[];
}

/**
 * - `recorded`: everything was written;
 * - `conflict`: another writer changed one of the states since it was read; nothing was written.
 */
export type RecordOutcome = { status: 'recorded'; enqueued: number } | { status: 'conflict'; slo: string; tier: string };

/** Which deliveries to claim. */
export interface ClaimRequest {
  /** Who claims (the replica id); only it may complete or release them. */
  owner: string;
  nowMs: number;
  /** How long the claim holds: another claimer may take a delivery whose claim expired (its owner died). */
  leaseMs: number;
  limit: number;
  /** Only deliveries for these channels (the ones this process can deliver to). */
  channels: readonly string[];
}

/** How an attempt ended. */
export type DeliveryOutcome =
  | { status: 'delivered'; atMs: number }
  | { status: 'failed-retrying'; atMs: number; error: string; nextAttemptAtMs: number }
  | { status: 'gave-up'; atMs: number; error: string };

/** Which deliveries to list; every field narrows. Newest first. */
export interface DeliveryQuery {
  status?: DeliveryStatus | readonly DeliveryStatus[];
  channel?: string;
  dedupKey?: string;
  /** Inclusive lower bound on `createdAtMs`. */
  fromMs?: number;
  limit?: number;
}

/** Which episodes to list: those overlapping `[fromMs, toMs)`. Newest first. */
export interface EpisodeQuery {
  slo?: string;
  fromMs?: number;
  toMs?: number;
  limit?: number;
}

/** Per channel: how many deliveries are in each status, and the latest success and failure. */
export interface ChannelDeliverySummary {
  channel: string;
  counts: Record<DeliveryStatus, number>;
  lastDeliveredAtMs: number | null;
  /** The most recent failed attempt's error and time, if any delivery failed. */
  lastError: { atMs: number; error: string; deliveryId: string } | null;
}

/** Alert state, history and outbox. Reached as `ResultStore.alerts`. */
export interface AlertStore {
  /** Every persisted (SLO, tier) state. A pair without a row has never fired. */
  loadStates(): Promise<StoredAlertState[]>;
  /**
   * Writes state changes, history changes and new deliveries in one transaction: either all of
   * them or, on a version conflict, none.
   */
  recordTransitions(transitions: AlertTransitions): Promise<RecordOutcome>;
  /**
   * Claims due deliveries for `owner`: pending or retrying, due by `nowMs`, not claimed by a live
   * claim, and the oldest undelivered one of their (alert, channel), so a resolve never overtakes
   * its trigger. Safe with several claimers at once: each delivery goes to one of them.
   */
  claimDeliveries(request: ClaimRequest): Promise<Delivery[]>;
  /** Records an attempt's outcome; false when `owner` no longer holds the claim (nothing changed). */
  completeDelivery(id: string, owner: string, outcome: DeliveryOutcome): Promise<boolean>;
  /** Gives claimed deliveries back untried (e.g. their receiver just failed on another one). */
  releaseDeliveries(ids: readonly string[], owner: string): Promise<void>;
  /** Deliveries with their status, newest first. */
  queryDeliveries(query?: DeliveryQuery): Promise<Delivery[]>;
  /** The delivery status of every channel that has deliveries. */
  summarizeDeliveries(): Promise<ChannelDeliverySummary[]>;
  /** Alert episodes overlapping a time range, newest first. */
  queryEpisodes(query?: EpisodeQuery): Promise<AlertEpisode[]>;
  /** Deletes at most `limit` delivered or given-up deliveries created before `beforeMs`; resolves to how many. */
  deleteDeliveriesBefore(beforeMs: number, limit: number): Promise<number>;
}
