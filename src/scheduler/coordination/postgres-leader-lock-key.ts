import { createHash } from 'node:crypto';

/** The scope replicas contend for unless told otherwise: one leader per database. */
export const DEFAULT_LEADER_SCOPE = 'outpost';

/**
 * The PostgreSQL advisory lock key (a positive bigint, as decimal text) of the leader lease for
 * `scope`: the first 63 bits of SHA-256 of `outpost leader lease: <scope>`. Stable across versions
 * and processes, and far from the migration lock (31372865377891188, 'outpost' in ASCII).
 *
 * For the default scope `outpost` the key is 7677601075011338768. `pg_locks` shows a bigint
 * advisory lock split in two (`classid` the high 32 bits, `objid` the low ones, `objsubid` 1), so
 * the current leader's backend is:
 * ```sql
 * SELECT pid FROM pg_locks
 * WHERE locktype = 'advisory' AND objsubid = 1 AND granted
 *   AND (classid::bigint << 32 | objid::bigint) = 7677601075011338768;
 * ```
 */
export function leaderLockKey(scope: string = DEFAULT_LEADER_SCOPE): string {
  const digest = createHash('sha256').update(`outpost leader lease: ${scope}`).digest();
  return (digest.readBigUInt64BE(0) >> 1n).toString();
}
