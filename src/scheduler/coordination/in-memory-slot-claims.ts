import { slotKey, type Slot, type SlotClaims } from './slot-claims.js';

interface Claim {
  slot: Slot;
  owner: string;
  expiresAt: number;
  runId?: string;
}

/**
 * Claims are kept this long past their planned time, then forgotten, so memory stays bounded: a
 * completed slot is not claimed again by then, and one process has no dead replica whose slots
 * from long ago are worth running late.
 */
const KEEP_MS = 10 * 60_000;

/**
 * {@link SlotClaims} for one process (the SQLite store, or a single replica): claims live in a
 * map. Claiming the same slot twice answers false, so even within one process a slot runs once.
 */
export class InMemorySlotClaims implements SlotClaims {
  private readonly claims = new Map<string, Claim>();
  private closed = false;

  /** `now` is injectable so unit tests can expire leases without waiting. */
  constructor(private readonly now: () => number = Date.now) {}

  async claim(slot: Slot, owner: string, leaseMs: number): Promise<boolean> {
    this.assertOpen();
    this.forgetOld();
    const key = slotKey(slot);
    if (this.claims.has(key)) return false;
    this.claims.set(key, { slot: { ...slot }, owner, expiresAt: this.now() + leaseMs });
    return true;
  }

  async complete(slot: Slot, owner: string, runId: string): Promise<void> {
    this.assertOpen();
    const claim = this.claims.get(slotKey(slot));
    // A slot taken over by another owner belongs to it now; the late finisher does not complete it.
    if (claim !== undefined && claim.owner === owner) claim.runId = runId;
  }

  async takeOverExpired(location: string, owner: string, now: number, leaseMs: number, limit: number, journeys?: readonly string[]): Promise<Slot[]> {
    this.assertOpen();
    const taken: Slot[] = [];
    for (const claim of [...this.claims.values()].sort((a, b) => a.slot.plannedAt - b.slot.plannedAt)) {
      if (taken.length >= limit) break;
      if (claim.slot.location !== location || claim.runId !== undefined || claim.expiresAt > now) continue;
      if (journeys !== undefined && !journeys.includes(claim.slot.journey)) continue;
      taken.push({ ...claim.slot, previousOwner: claim.owner });
      claim.owner = owner;
      claim.expiresAt = now + leaseMs;
    }
    return taken;
  }

  async release(slot: Slot, owner: string): Promise<void> {
    this.assertOpen();
    const claim = this.claims.get(slotKey(slot));
    if (claim !== undefined && claim.owner === owner && claim.runId === undefined) claim.expiresAt = Number.NEGATIVE_INFINITY;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.claims.clear();
  }

  private forgetOld(): void {
    const now = this.now();
    for (const [key, claim] of this.claims) {
      const done = claim.runId !== undefined || claim.expiresAt <= now;
      if (done && claim.slot.plannedAt < now - KEEP_MS) this.claims.delete(key);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('slot claims are closed');
  }
}
