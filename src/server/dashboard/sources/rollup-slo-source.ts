import { evaluateSlos } from '../../../evaluation/index.js';
import type { ResultStore } from '../../../store/index.js';
import type { SloReading, SloSource } from './slo-source.js';

/**
 * SLO readings from the store's rollups, by the same evaluation as `outpost slo status` and serve's
 * alerting cycle (`evaluateSlos`): the board's numbers are theirs, they cost the same whatever the
 * number of raw runs, and they survive raw-run retention. `target` counts only runs against that
 * target, as `slo status` does with the config's `defaultTarget`.
 */
export function rollupSloSource(store: Pick<ResultStore, 'rollups'>, options: { target?: string } = {}): SloSource {
  return {
    read: async (slos, nowMs) => {
      const statuses = await evaluateSlos({ store, slos, nowMs, burnDown: true, ...(options.target === undefined ? {} : { target: options.target }) });
      return statuses.map(
        (status): SloReading => ({
          slo: status.slo,
          budget: status.evaluation.budget,
          tiers: status.evaluation.tiers,
          degradedRuns: status.degradedRuns,
          burnDown: status.burnDown ?? [],
          exact: status.exact,
        }),
      );
    },
  };
}
