import type { SlotPruner } from '../../store/index.js';
import { PostgresCoordinationPool, type PostgresCoordinationOptions } from './postgres-coordination-pool.js';
import type { Slot, SlotClaims } from './slot-claims.js';

/** How {@link PostgresSlotClaims} connects, and its clock. */
export interface PostgresSlotClaimsOptions extends PostgresCoordinationOptions {
  /**
   * The replica's clock in epoch ms (default `Date.now`), for the lease `claim` writes. Leases
   * compare the clocks of different replicas, so keep them in sync (NTP) and leases far longer
   * than any skew.
   */
  now?: () => number;
}

interface SlotRow {
  journey: string;
  location: string;
  planned_at_ms: number;
  previous_owner?: string;
}

const SLOT_KEY = 'journey = $1 AND location = $2 AND planned_at_ms = $3';

// The row's existence is the claim: the primary key lets one INSERT win, whoever races.
const CLAIM_SQL = `
  INSERT INTO slots (journey, location, planned_at_ms, owner, status, lease_expires_at_ms)
  VALUES ($1, $2, $3, $4, 'claimed', $5)
  ON CONFLICT (journey, location, planned_at_ms) DO NOTHING`;

// Only the current owner completes: a replica that lost its slot to a takeover changes nothing.
const COMPLETE_SQL = `
  UPDATE slots SET status = 'completed', run_id = $5
  WHERE ${SLOT_KEY} AND owner = $4 AND status = 'claimed'`;

/*
 * Select-then-update in one statement, so one transaction: the CTE locks the expired rows it picks
 * and SKIP LOCKED passes over rows another survivor is taking at the same moment, so concurrent
 * takeovers neither wait for each other nor take a slot twice. A row another survivor took and
 * committed meanwhile is re-checked under the lock (its new lease is not expired) and left out.
 */
const TAKE_OVER_SQL = `
  WITH expired AS (
    SELECT journey, location, planned_at_ms, owner AS previous_owner FROM slots
    WHERE location = $1 AND status = 'claimed' AND lease_expires_at_ms <= $3 AND ($6::text[] IS NULL OR journey = ANY($6::text[]))
    ORDER BY planned_at_ms
    LIMIT $5
    FOR UPDATE SKIP LOCKED
  )
  UPDATE slots AS s SET owner = $2, lease_expires_at_ms = $4
  FROM expired AS e
  WHERE s.journey = e.journey AND s.location = e.location AND s.planned_at_ms = e.planned_at_ms
  RETURNING s.journey, s.location, s.planned_at_ms, e.previous_owner`;

// Lease over now: the next takeover scan of any replica picks it up. Owner-only, like COMPLETE_SQL.
const RELEASE_SQL = `
  UPDATE slots SET lease_expires_at_ms = 0
  WHERE ${SLOT_KEY} AND owner = $4 AND status = 'claimed'`;

// Completed slots, and claims abandoned so long ago that even their lease ended before the
// cutoff; a live lease is never pruned. SKIP LOCKED: never wait behind a takeover.
const PRUNE_SQL = `
  DELETE FROM slots WHERE (journey, location, planned_at_ms) IN (
    SELECT journey, location, planned_at_ms FROM slots
    WHERE planned_at_ms < $1 AND (status = 'completed' OR lease_expires_at_ms < $1)
    ORDER BY planned_at_ms
    LIMIT $2
    FOR UPDATE SKIP LOCKED
  )`;

/**
 * {@link SlotClaims} shared by the replicas of `outpost serve` through the `slots` table of the
 * result store's PostgreSQL database: one row per claimed slot, keyed by (journey, location,
 * planned time), with its owner, lease expiry, status and run id. Retention prunes old rows
 * ({@link PostgresSlotClaims.pruneSlotsBefore}, via `applyRetention`'s `slots` option).
 */
export class PostgresSlotClaims implements SlotClaims, SlotPruner {
  private constructor(
    private readonly pool: PostgresCoordinationPool,
    private readonly now: () => number,
  ) {}

  /** Connects to the database at `url` (a `postgres://` URL) and migrates it if needed. */
  static async open(url: string, options: PostgresSlotClaimsOptions = {}): Promise<PostgresSlotClaims> {
    const { now = Date.now, ...poolOptions } = options;
    return new PostgresSlotClaims(await PostgresCoordinationPool.open(url, poolOptions), now);
  }

  async claim(slot: Slot, owner: string, leaseMs: number): Promise<boolean> {
    const result = await this.pool.query('claim', CLAIM_SQL, [...slotParams(slot), owner, this.now() + leaseMs]);
    return result.rowCount === 1;
  }

  /** Marks the slot done with `runId`. Has no effect unless `owner` holds the claim (e.g. it was taken over). */
  async complete(slot: Slot, owner: string, runId: string): Promise<void> {
    await this.pool.query('complete', COMPLETE_SQL, [...slotParams(slot), owner, runId]);
  }

  async takeOverExpired(location: string, owner: string, now: number, leaseMs: number, limit: number, journeys?: readonly string[]): Promise<Slot[]> {
    const result = await this.pool.query<SlotRow>('take over', TAKE_OVER_SQL, [location, owner, now, now + leaseMs, limit, journeys === undefined ? null : [...journeys]]);
    return result.rows.map(toSlot).sort((a, b) => a.plannedAt - b.plannedAt || a.journey.localeCompare(b.journey));
  }

  /** Ends the lease of a claim `owner` holds and will not run, so a replica's next takeover scan takes it. */
  async release(slot: Slot, owner: string): Promise<void> {
    await this.pool.query('release', RELEASE_SQL, [...slotParams(slot), owner]);
  }

  /** Deletes at most `limit` completed or long-abandoned slots planned before `before`; resolves to how many. */
  async pruneSlotsBefore(before: Date, limit: number): Promise<number> {
    return (await this.pool.query('prune', PRUNE_SQL, [before.getTime(), limit])).rowCount ?? 0;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

function slotParams(slot: Slot): [string, string, number] {
  return [slot.journey, slot.location, slot.plannedAt];
}

function toSlot(row: SlotRow): Slot {
  const slot: Slot = { journey: row.journey, location: row.location, plannedAt: row.planned_at_ms };
  return row.previous_owner === undefined ? slot : { ...slot, previousOwner: row.previous_owner };
}
