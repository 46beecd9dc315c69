/**
 * Which endpoints a journey's stored runs exercised, step by step: the answer to "does this
 * journey really pass through the backends we want it to watch?".
 */
export interface CoverageRow {
  journey: string;
  step: number;
  /** The step's name, when the step row exists. */
  stepName: string | undefined;
  method: string;
  host: string;
  path: string;
  /** 0 when requests failed without a response. */
  status: number;
  /** In how many runs the endpoint was seen with this status. */
  runs: number;
  requests: number;
  meanMs: number;
  /** ISO-8601 start of the newest run that exercised it. */
  lastSeen: string;
}
