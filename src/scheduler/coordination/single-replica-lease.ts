import type { LeaderLease } from './slot-claims.js';

/** {@link LeaderLease} for one process: it is always the leader until released. */
export class SingleReplicaLease implements LeaderLease {
  private held = true;

  async isLeader(): Promise<boolean> {
    return this.held;
  }

  async release(): Promise<void> {
    this.held = false;
  }
}
