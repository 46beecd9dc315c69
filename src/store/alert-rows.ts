import type {
  AlertEpisode,
  Delivery,
  DeliveryKind,
  DeliveryStatus,
  NewDelivery,
  StoredAlertState,
  StoredAlertStatus,
} from './alert-store.js';
import type { SqlRow, SqlValue } from './sql-program.js';
import { StoreError } from './store-errors.js';

/*
 * Rows of the alerting tables (migration 5) and their models. Times are epoch milliseconds
 * (BIGINT); messages and episode details are JSON text, opaque to the store.
 */

export const STATE_COLUMNS = [
  'slo', 'tier', 'dedup_key', 'status', 'firing_since_ms', 'resolved_at_ms', 'last_notified_at_ms', 'last_evaluated_at_ms', 'version',
] as const;

export const DELIVERY_COLUMNS = [
  'id', 'dedup_key', 'channel', 'kind', 'severity', 'created_at_ms', 'seq', 'status', 'attempts', 'next_attempt_at_ms',
  'last_attempt_at_ms', 'delivered_at_ms', 'last_error', 'last_error_at_ms', 'claimed_by', 'claim_expires_at_ms', 'message_json',
] as const;

export const EPISODE_COLUMNS = [
  'id', 'dedup_key', 'slo', 'journey', 'tier', 'severity', 'firing_since_ms', 'resolved_at_ms', 'fired_burn_rate',
  'fired_budget_remaining', 'peak_burn_rate', 'last_burn_rate', 'last_budget_remaining', 'updated_at_ms', 'details_json',
] as const;

export function stateValues(state: Omit<StoredAlertState, 'version'>, version: number): SqlValue[] {
  return [
    state.slo, state.tier, state.dedupKey, state.status, state.firingSinceMs, state.resolvedAtMs,
    state.lastNotifiedAtMs, state.lastEvaluatedAtMs, version,
  ];
}

export function fromStateRow(row: SqlRow): StoredAlertState {
  return {
    slo: text(row.slo),
    tier: text(row.tier),
    dedupKey: text(row.dedup_key),
    status: text(row.status) as StoredAlertStatus,
    firingSinceMs: optionalNumber(row.firing_since_ms),
    resolvedAtMs: optionalNumber(row.resolved_at_ms),
    lastNotifiedAtMs: optionalNumber(row.last_notified_at_ms),
    lastEvaluatedAtMs: optionalNumber(row.last_evaluated_at_ms),
    version: Number(row.version),
  };
}

/** A new delivery's row: pending, never tried, due at once. `seq` orders the rows of one write. */
export function deliveryValues(delivery: NewDelivery, seq: number): SqlValue[] {
  return [
    delivery.id, delivery.dedupKey, delivery.channel, delivery.kind, delivery.severity, delivery.createdAtMs, seq,
    'pending', 0, delivery.createdAtMs, null, null, null, null, null, null, toJson('message', delivery.message),
  ];
}

export function fromDeliveryRow(row: SqlRow): Delivery {
  return {
    id: text(row.id),
    dedupKey: text(row.dedup_key),
    channel: text(row.channel),
    kind: text(row.kind) as DeliveryKind,
    severity: text(row.severity),
    createdAtMs: Number(row.created_at_ms),
    status: text(row.status) as DeliveryStatus,
    attempts: Number(row.attempts),
    nextAttemptAtMs: Number(row.next_attempt_at_ms),
    lastAttemptAtMs: optionalNumber(row.last_attempt_at_ms),
    deliveredAtMs: optionalNumber(row.delivered_at_ms),
    lastError: row.last_error === null || row.last_error === undefined ? null : text(row.last_error),
    lastErrorAtMs: optionalNumber(row.last_error_at_ms),
    message: JSON.parse(text(row.message_json)) as unknown,
  };
}

export function fromEpisodeRow(row: SqlRow): AlertEpisode {
  return {
    id: text(row.id),
    dedupKey: text(row.dedup_key),
    slo: text(row.slo),
    journey: text(row.journey),
    tier: text(row.tier),
    severity: text(row.severity),
    firingSinceMs: Number(row.firing_since_ms),
    resolvedAtMs: optionalNumber(row.resolved_at_ms),
    fired: { burnRate: optionalNumber(row.fired_burn_rate), budgetRemaining: optionalNumber(row.fired_budget_remaining) },
    peakBurnRate: optionalNumber(row.peak_burn_rate),
    last: { burnRate: optionalNumber(row.last_burn_rate), budgetRemaining: optionalNumber(row.last_budget_remaining) },
    updatedAtMs: Number(row.updated_at_ms),
    details: row.details_json === null || row.details_json === undefined ? null : (JSON.parse(text(row.details_json)) as unknown),
  };
}

/** JSON text for a column; an `invalid` StoreError when the value cannot be written as JSON. */
export function toJson(field: string, value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new StoreError('record', 'invalid', `${field} is not JSON-serialisable`, { cause: error });
  }
  if (json === undefined) throw new StoreError('record', 'invalid', `${field} is not JSON-serialisable`);
  return json;
}

/** A finite number for a DOUBLE PRECISION column, or NULL (JSON and SQL have no Infinity or NaN). */
export function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

function text(value: unknown): string {
  return String(value);
}

function optionalNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
