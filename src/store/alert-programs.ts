import {
  DELIVERY_COLUMNS,
  EPISODE_COLUMNS,
  STATE_COLUMNS,
  deliveryValues,
  finiteOrNull,
  fromDeliveryRow,
  fromEpisodeRow,
  fromStateRow,
  stateValues,
  toJson,
} from './alert-rows.js';
import type {
  AlertEpisode,
  AlertTransitions,
  ChannelDeliverySummary,
  ClaimRequest,
  Delivery,
  DeliveryOutcome,
  DeliveryQuery,
  DeliveryStatus,
  EpisodeChange,
  EpisodeQuery,
  NewDelivery,
  RecordOutcome,
  StateWrite,
  StoredAlertState,
} from './alert-store.js';
import { changesOf, placeholderList, ProgramAbort, rowsOf, type Program, type SqlValue } from './sql-program.js';

/*
 * The alert store's operations as programs (see sql-program.ts), the same on SQLite and
 * PostgreSQL. The one difference is how a claim locks: PostgreSQL adds FOR UPDATE SKIP LOCKED, so
 * concurrent claimers pass over each other's rows instead of waiting; SQLite has one writer at a
 * time (the transaction holds the write lock) and needs nothing.
 */

/** What differs between the databases. */
export interface AlertDialect {
  /** Appended to the claim's row selection. */
  lockForClaim: string;
}

export const SQLITE_DIALECT: AlertDialect = { lockForClaim: '' };
export const POSTGRES_DIALECT: AlertDialect = { lockForClaim: 'FOR UPDATE SKIP LOCKED' };

const UNDELIVERED = `('pending', 'failed-retrying')`;

/** Thrown inside a transition program to roll the transaction back; never leaves the store. */
export class VersionConflict extends ProgramAbort {
  constructor(readonly write: StateWrite) {
    super(`alert state ${write.state.slo}/${write.state.tier} changed since version ${write.expectedVersion}`);
    this.name = 'VersionConflict';
  }
}

export function* loadStates(): Program<StoredAlertState[]> {
  const { rows } = yield rowsOf(`SELECT * FROM alert_states ORDER BY slo, tier`);
  return rows.map(fromStateRow);
}

/** Writes a cycle's transitions; throws {@link VersionConflict} (the runner rolls back) on a stale state. */
export function* recordTransitions(transitions: AlertTransitions): Program<RecordOutcome> {
  for (const write of transitions.states) yield* writeState(write);
  for (const change of transitions.episodes) yield* changeEpisode(change);
  let enqueued = 0;
  for (const [seq, delivery] of transitions.deliveries.entries()) {
    if (yield* enqueue(delivery, seq)) enqueued++;
  }
  return { status: 'recorded', enqueued };
}

function* writeState(write: StateWrite): Program<void> {
  const { expectedVersion, state } = write;
  const values = stateValues(state, (expectedVersion ?? 0) + 1);
  const { changes } =
    expectedVersion === null
      ? yield changesOf(
          `INSERT INTO alert_states (${STATE_COLUMNS.join(', ')}) VALUES (${placeholderList(1, STATE_COLUMNS.length)})
           ON CONFLICT (slo, tier) DO NOTHING`,
          values,
        )
      : yield changesOf(
          `UPDATE alert_states SET dedup_key = $3, status = $4, firing_since_ms = $5, resolved_at_ms = $6,
             last_notified_at_ms = $7, last_evaluated_at_ms = $8, version = $9
           WHERE slo = $1 AND tier = $2 AND version = $10`,
          [...values, expectedVersion],
        );
  if (changes !== 1) throw new VersionConflict(write);
}

function* changeEpisode(change: EpisodeChange): Program<void> {
  if (change.kind === 'open') {
    const e = change.episode;
    const burn = finiteOrNull(e.fired.burnRate);
    const budget = finiteOrNull(e.fired.budgetRemaining);
    const values: SqlValue[] = [
      e.id, e.dedupKey, e.slo, e.journey, e.tier, e.severity, e.firingSinceMs, null, burn, budget, burn, burn, budget,
      e.firingSinceMs, toJson('details', e.details),
    ];
    // A retried cycle may open the same episode again; the first one stands.
    yield changesOf(
      `INSERT INTO alert_episodes (${EPISODE_COLUMNS.join(', ')}) VALUES (${placeholderList(1, EPISODE_COLUMNS.length)})
       ON CONFLICT (id) DO NOTHING`,
      values,
    );
    return;
  }
  const resolvedAt = change.kind === 'close' ? change.atMs : null;
  yield changesOf(
    `UPDATE alert_episodes SET last_burn_rate = $2, last_budget_remaining = $3, updated_at_ms = $4,
       peak_burn_rate = CASE WHEN peak_burn_rate IS NULL OR CAST($2 AS DOUBLE PRECISION) > peak_burn_rate
         THEN COALESCE(CAST($2 AS DOUBLE PRECISION), peak_burn_rate) ELSE peak_burn_rate END,
       resolved_at_ms = COALESCE($5, resolved_at_ms)
     WHERE id = $1`,
    [change.id, finiteOrNull(change.reading.burnRate), finiteOrNull(change.reading.budgetRemaining), change.atMs, resolvedAt],
  );
}

/** True when the delivery was enqueued (an `onlyIfIdle` one is skipped while another waits). */
function* enqueue(delivery: NewDelivery, seq: number): Program<boolean> {
  if (delivery.onlyIfIdle === true) {
    const { rows } = yield rowsOf(
      `SELECT 1 AS waiting FROM alert_outbox WHERE dedup_key = $1 AND channel = $2 AND status IN ${UNDELIVERED} LIMIT 1`,
      [delivery.dedupKey, delivery.channel],
    );
    if (rows.length > 0) return false;
  }
  yield changesOf(
    `INSERT INTO alert_outbox (${DELIVERY_COLUMNS.join(', ')}) VALUES (${placeholderList(1, DELIVERY_COLUMNS.length)})`,
    deliveryValues(delivery, seq),
  );
  return true;
}

/**
 * One statement: pick due rows that are the oldest undelivered of their (alert, channel), lock
 * them (PostgreSQL: skipping rows another claimer holds), and mark them claimed.
 */
export function* claimDeliveries(request: ClaimRequest, dialect: AlertDialect): Program<Delivery[]> {
  if (request.channels.length === 0 || request.limit <= 0) return [];
  const { rows } = yield rowsOf(
    `WITH due AS (
       SELECT o.id FROM alert_outbox o
       WHERE o.status IN ${UNDELIVERED} AND o.next_attempt_at_ms <= $1
         AND (o.claim_expires_at_ms IS NULL OR o.claim_expires_at_ms <= $1)
         AND o.channel IN (${placeholderList(5, request.channels.length)})
         AND NOT EXISTS (
           SELECT 1 FROM alert_outbox p
           WHERE p.dedup_key = o.dedup_key AND p.channel = o.channel AND p.status IN ${UNDELIVERED}
             AND (p.created_at_ms < o.created_at_ms OR (p.created_at_ms = o.created_at_ms AND p.seq < o.seq)))
       ORDER BY o.next_attempt_at_ms, o.created_at_ms, o.seq
       LIMIT $2
       ${dialect.lockForClaim}
     )
     UPDATE alert_outbox SET claimed_by = $3, claim_expires_at_ms = $4
     WHERE id IN (SELECT id FROM due)
     RETURNING *`,
    [request.nowMs, request.limit, request.owner, request.nowMs + request.leaseMs, ...request.channels],
  );
  // RETURNING has no order: deliver in the order they were picked.
  const order = (row: (typeof rows)[number]) => [Number(row.next_attempt_at_ms), Number(row.created_at_ms), Number(row.seq)];
  const sorted = [...rows].sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
  });
  return sorted.map(fromDeliveryRow);
}

export function* completeDelivery(id: string, owner: string, outcome: DeliveryOutcome): Program<boolean> {
  const delivered = outcome.status === 'delivered' ? outcome.atMs : null;
  const error = outcome.status === 'delivered' ? null : outcome.error;
  const next = outcome.status === 'failed-retrying' ? outcome.nextAttemptAtMs : null;
  const { changes } = yield changesOf(
    `UPDATE alert_outbox SET status = $3, attempts = attempts + 1, last_attempt_at_ms = $4,
       delivered_at_ms = $5, last_error = COALESCE($6, last_error), next_attempt_at_ms = COALESCE($7, next_attempt_at_ms),
       last_error_at_ms = CASE WHEN CAST($6 AS TEXT) IS NULL THEN last_error_at_ms ELSE $4 END,
       claimed_by = NULL, claim_expires_at_ms = NULL
     WHERE id = $1 AND claimed_by = $2`,
    [id, owner, outcome.status, outcome.atMs, delivered, error, next],
  );
  return changes === 1;
}

export function* releaseDeliveries(ids: readonly string[], owner: string): Program<void> {
  if (ids.length === 0) return;
  yield changesOf(
    `UPDATE alert_outbox SET claimed_by = NULL, claim_expires_at_ms = NULL WHERE claimed_by = $1 AND id IN (${placeholderList(2, ids.length)})`,
    [owner, ...ids],
  );
}

export function* queryDeliveries(query: DeliveryQuery): Program<Delivery[]> {
  const conditions: string[] = [];
  const params: SqlValue[] = [];
  const next = (value: SqlValue): string => `$${params.push(value)}`;
  if (query.status !== undefined) {
    const statuses = typeof query.status === 'string' ? [query.status] : query.status;
    conditions.push(statuses.length === 0 ? '1 = 0' : `status IN (${statuses.map(next).join(', ')})`);
  }
  if (query.channel !== undefined) conditions.push(`channel = ${next(query.channel)}`);
  if (query.dedupKey !== undefined) conditions.push(`dedup_key = ${next(query.dedupKey)}`);
  if (query.fromMs !== undefined) conditions.push(`created_at_ms >= ${next(query.fromMs)}`);
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  const limit = query.limit === undefined ? '' : `LIMIT ${next(query.limit)}`;
  const { rows } = yield rowsOf(`SELECT * FROM alert_outbox ${where} ORDER BY created_at_ms DESC, seq DESC ${limit}`, params);
  return rows.map(fromDeliveryRow);
}

export function* queryEpisodes(query: EpisodeQuery): Program<AlertEpisode[]> {
  const conditions: string[] = [];
  const params: SqlValue[] = [];
  const next = (value: SqlValue): string => `$${params.push(value)}`;
  if (query.slo !== undefined) conditions.push(`slo = ${next(query.slo)}`);
  if (query.toMs !== undefined) conditions.push(`firing_since_ms < ${next(query.toMs)}`);
  if (query.fromMs !== undefined) conditions.push(`(resolved_at_ms IS NULL OR resolved_at_ms >= ${next(query.fromMs)})`);
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  const limit = query.limit === undefined ? '' : `LIMIT ${next(query.limit)}`;
  const { rows } = yield rowsOf(`SELECT * FROM alert_episodes ${where} ORDER BY firing_since_ms DESC, id DESC ${limit}`, params);
  return rows.map(fromEpisodeRow);
}

export function* summarizeDeliveries(): Program<ChannelDeliverySummary[]> {
  const counts = yield rowsOf(
    `SELECT channel, status, COUNT(*) AS count, MAX(delivered_at_ms) AS last_delivered_at_ms
     FROM alert_outbox GROUP BY channel, status ORDER BY channel`,
  );
  const errors = yield rowsOf(
    `SELECT o.channel, o.id, o.last_error, o.last_error_at_ms FROM alert_outbox o
     WHERE o.last_error_at_ms = (SELECT MAX(p.last_error_at_ms) FROM alert_outbox p WHERE p.channel = o.channel)
     ORDER BY o.channel, o.id`,
  );
  const summaries = new Map<string, ChannelDeliverySummary>();
  for (const row of counts.rows) {
    const channel = String(row.channel);
    const summary = summaries.get(channel) ?? emptySummary(channel);
    summary.counts[String(row.status) as DeliveryStatus] = Number(row.count);
    if (row.last_delivered_at_ms !== null && row.last_delivered_at_ms !== undefined) {
      summary.lastDeliveredAtMs = Math.max(summary.lastDeliveredAtMs ?? 0, Number(row.last_delivered_at_ms));
    }
    summaries.set(channel, summary);
  }
  for (const row of errors.rows) {
    const summary = summaries.get(String(row.channel));
    if (summary !== undefined && summary.lastError === null) {
      summary.lastError = { atMs: Number(row.last_error_at_ms), error: String(row.last_error), deliveryId: String(row.id) };
    }
  }
  return [...summaries.values()].sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
}

function emptySummary(channel: string): ChannelDeliverySummary {
  return { channel, counts: { pending: 0, 'failed-retrying': 0, delivered: 0, 'gave-up': 0 }, lastDeliveredAtMs: null, lastError: null };
}

export function* deleteDeliveriesBefore(beforeMs: number, limit: number): Program<number> {
  const { changes } = yield changesOf(
    `DELETE FROM alert_outbox WHERE id IN (
       SELECT id FROM alert_outbox WHERE status IN ('delivered', 'gave-up') AND created_at_ms < $1
       ORDER BY created_at_ms LIMIT $2)`,
    [beforeMs, limit],
  );
  return changes;
}
