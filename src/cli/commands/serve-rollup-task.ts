import type { LeaderTask } from '../../scheduler/index.js';
import { maintainRollups, rollupRetentionFor } from '../../store/index.js';
import { effectiveSlos } from '../../scoring/index.js';
import type { LeaderTaskContext } from './serve-leader-tasks.js';

const HOUR_MS = 3_600_000;

/**
 * Rollup upkeep as a leader task, hourly: folds finished hours and days of SLO rollups into coarser
 * rows and deletes rows past what the SLOs' periods and tier windows need (`maintainRollups`), in
 * short batches so probing keeps writing. Without it minute rows pile up and evaluation slows.
 */
export function rollupMaintenanceTask(context: LeaderTaskContext): LeaderTask {
  const slos = effectiveSlos(context.plan.config.slos, context.plan.journeys.map((journey) => journey.name));
  const retention = rollupRetentionFor(slos);
  return {
    name: 'rollups',
    intervalMs: HOUR_MS,
    run: async (nowMs, signal) => {
      const report = await maintainRollups(context.store, { retention, now: nowMs, signal });
      context.logger.info('rollups.maintained', {
        folded_hours: report.foldedHours,
        folded_days: report.foldedDays,
        deleted_minute_rows: report.deleted.minute,
        deleted_hour_rows: report.deleted.hour,
        deleted_day_rows: report.deleted.day,
        aborted: report.aborted ? true : undefined,
      });
    },
  };
}
