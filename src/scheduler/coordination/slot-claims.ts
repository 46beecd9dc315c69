/**
 * How replicas of `outpost serve` share the work of one location: each planned slot (a journey's
 * run at a planned time) is claimed by exactly one replica, a replica that died mid-run has its
 * slots taken over once its lease expires, and one replica (the leader) does once-only work.
 *
 * One process (SQLite store) uses {@link InMemorySlotClaims} and {@link SingleReplicaLease};
 * several replicas share a PostgreSQL implementation of the same interfaces.
 */

/** One planned run: a journey, at a location, at its planned time. Identifies the slot across replicas. */
export interface Slot {
  journey: string;
  location: string;
  /** Epoch ms. */
  plannedAt: number;
  /** Set on a slot returned by a takeover: the replica whose claim expired. */
  previousOwner?: string;
}

/** Who runs which slot. */
export interface SlotClaims {
  /** Take the slot for this replica; exactly one replica gets true per slot. The lease covers the run (timeout + grace). */
  claim(slot: Slot, owner: string, leaseMs: number): Promise<boolean>;
  /** The slot ran (result stored with this run id). */
  complete(slot: Slot, owner: string, runId: string): Promise<void>;
  /**
   * Slots of this location whose owner's lease expired before completing (it died): claim them for
   * `owner`, oldest first. With `journeys`, only slots of those (the ones this replica has and is
   * not running now: it would have to drop the others).
   */
  takeOverExpired(location: string, owner: string, now: number, leaseMs: number, limit: number, journeys?: readonly string[]): Promise<Slot[]>;
  /** Gives back a claim `owner` holds and will not run (its lease ends now), so any replica may take it over at its next look. */
  release(slot: Slot, owner: string): Promise<void>;
  close(): Promise<void>;
}

/** Which replica does once-only work. */
export interface LeaderLease {
  /**
   * True while this replica holds the lease (one replica per deployment runs once-only work: alert
   * evaluation, retention). A lease that was lost answers false at least once before it answers
   * true again, even if this replica wins it straight back, so callers see every term end.
   */
  isLeader(): Promise<boolean>;
  release(): Promise<void>;
}

/** The key of a slot, for maps and logs: `journey@location@plannedAt`. */
export function slotKey(slot: Slot): string {
  return `${slot.journey}@${slot.location}@${slot.plannedAt}`;
}
