import type { LeaderTask } from '../../scheduler/index.js';
import { applyRetention } from '../../store/index.js';
import type { LeaderTaskContext } from './serve-leader-tasks.js';

const DAY_MS = 86_400_000;

/**
 * Retention as a leader task: every `retention.every`, deletes raw runs (and slot claims) older
 * than `retention.runs` in batches with a pause between them (`applyRetention`), so probing keeps
 * writing meanwhile; stops between batches when leadership is lost or serve stops. Undefined when
 * runs are kept forever.
 */
export function retentionTask(context: LeaderTaskContext): LeaderTask | undefined {
  const { retention } = context;
  const maxAgeMs = retention.runsMs;
  if (maxAgeMs === undefined) return undefined;
  return {
    name: 'retention',
    intervalMs: retention.everyMs,
    run: async (nowMs, signal) => {
      context.logger.info('retention.start', { older_than: new Date(nowMs - maxAgeMs).toISOString(), batch_size: retention.batchSize });
      const report = await applyRetention(context.store, { maxAgeDays: maxAgeMs / DAY_MS, now: nowMs, batchSize: retention.batchSize, slots: context.claims, signal });
      context.logger.info('retention.done', {
        deleted_runs: report.deletedRuns,
        deleted_slots: report.deletedSlots,
        duration_ms: Date.now() - nowMs,
        aborted: report.aborted ? true : undefined,
      });
    },
  };
}
