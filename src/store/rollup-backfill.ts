import type { RollupStore } from './rollup-store.js';

/** Runs rolled up per backfill transaction: short enough that probing writes are not held up long. */
export const BACKFILL_BATCH = 2_000;

/**
 * Rolls up every run stored without rollups (a database written before migration 4, or runs an
 * older Outpost wrote during a rolling upgrade), in batches; resolves to how many. `openStore` calls
 * it, so a store is rolled up before it is used. Costs one indexed query when there is nothing to do.
 */
export async function backfillRollups(rollups: Pick<RollupStore, 'backfill'>, batch = BACKFILL_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await rollups.backfill(batch);
    total += done;
    if (done < batch) return total;
  }
}
