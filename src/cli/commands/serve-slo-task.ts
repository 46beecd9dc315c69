import type { LeaderTask } from '../../scheduler/index.js';
import { evaluateSlos, type SloStatus } from '../../evaluation/index.js';
import { effectiveSlos, windowLabel, type ResolvedSlo } from '../../scoring/index.js';
import { registerSloGauges, type SloReading } from '../../telemetry/index.js';
import { alertingTask, createAlertingCycle } from '../alerting-setup.js';
import type { RunPlan } from '../run-plan.js';
import type { LeaderTaskContext } from './serve-leader-tasks.js';

/**
 * SLO evaluation as one leader task: every `alerting.evaluationInterval` it evaluates every SLO from
 * the store's rollups, publishes the `outpost.slo.*` gauges and runs the alerting cycle (lifecycle,
 * history, outbox delivery) on the same evaluations.
 *
 * The gauges come from the leader only, so a PromQL `sum` over replicas never counts an SLO twice;
 * a replica that stops leading stops reporting them once its last reading is older than three
 * intervals.
 */
export function sloTask(context: LeaderTaskContext): LeaderTask {
  const slos = sloList(context);
  const intervalMs = context.plan.config.alerting.evaluationIntervalMs;
  const gauges = new LatestReadings(3 * intervalMs);
  registerSloGauges(context.meter, { readings: () => gauges.current(Date.now()) });
  const configuredSlos = wholeConfigSlos(context.plan, slos);
  const cycle = createAlertingCycle({ config: { ...context.plan.config, slos }, ...(configuredSlos === undefined ? {} : { configuredSlos }), store: context.store, owner: context.owner, logger: context.logger });
  const evaluate = async (nowMs: number) => {
    const statuses = await evaluateSlos({ store: context.store, slos, nowMs, target: context.plan.target.name });
    gauges.replace(statuses.map(sloReading), nowMs);
    return statuses.map((status) => status.evaluation);
  };
  return alertingTask(cycle, evaluate, intervalMs, context.logger);
}

/** The configured SLOs; without any, one default availability SLO per scheduled journey. */
function sloList(context: LeaderTaskContext): ResolvedSlo[] {
  return effectiveSlos(context.plan.config.slos, context.plan.journeys.map((journey) => journey.name));
}

/**
 * Every SLO the whole config defines, when this serve can know it: the configured `slos` (all of them
 * are evaluated whatever journeys run), or, without any, the default SLOs of the journeys it runs when
 * those are every journey of the config. Undefined when it runs a part (paths, --grep or --tag that
 * left journeys out, a journey file that failed to load): alerts of the SLOs it does not see are left
 * alone rather than resolved as removed.
 */
export function wholeConfigSlos(plan: Pick<RunPlan, 'config' | 'allJourneys'>, evaluated: readonly ResolvedSlo[]): readonly ResolvedSlo[] | undefined {
  if (plan.config.slos.length > 0) return plan.config.slos;
  return plan.allJourneys ? evaluated : undefined;
}

function sloReading(status: SloStatus): SloReading {
  return {
    slo: status.slo.name,
    cuj: status.slo.journey,
    ...(status.sli === null ? {} : { sli: status.sli }),
    errorBudgetRemaining: status.evaluation.budget.ratio.remaining,
    burnRates: status.burnRates.flatMap((reading) => (reading.burnRate === null ? [] : [{ window: windowLabel(reading.windowMs), rate: reading.burnRate }])),
  };
}

/** The last evaluation's readings, dropped once they are too old to describe the present. */
class LatestReadings {
  private readings: readonly SloReading[] = [];
  private atMs = 0;

  constructor(private readonly maxAgeMs: number) {}

  replace(readings: readonly SloReading[], atMs: number): void {
    this.readings = readings;
    this.atMs = atMs;
  }

  current(nowMs: number): readonly SloReading[] {
    return nowMs - this.atMs > this.maxAgeMs ? [] : this.readings;
  }
}
