import type { JourneyResult, StepResult } from '../../src/journey/index.js';
import type { NetworkEvent, RunObserver, RunStartInfo, StepStartInfo } from '../../src/runner/run-observer.js';

export interface RecordedStep {
  info: StepStartInfo;
  spanId: string;
  requests: NetworkEvent[];
  result?: StepResult;
}

export interface RecordedRun {
  info: RunStartInfo;
  traceId: string;
  steps: RecordedStep[];
  result?: JourneyResult;
}

/** A RunObserver that records everything and hands out deterministic trace context per step. */
export function recordingObserver(): { observer: RunObserver; runs: RecordedRun[] } {
  const runs: RecordedRun[] = [];
  const observer: RunObserver = {
    runStarted(info) {
      const run: RecordedRun = { info, traceId: (runs.length + 1).toString(16).padStart(32, 'a'), steps: [] };
      runs.push(run);
      return {
        stepStarted(stepInfo) {
          const step: RecordedStep = { info: stepInfo, spanId: (stepInfo.index + 1).toString(16).padStart(16, 'b'), requests: [] };
          run.steps.push(step);
          return {
            propagationHeaders: () => ({ traceparent: `00-${run.traceId}-${step.spanId}-01`, tracestate: 'outpost=synthetic' }),
            request: (event) => step.requests.push(event),
            stepFinished: (result) => (step.result = result),
          };
        },
        runFinished: (result) => (run.result = result),
      };
    },
  };
  return { observer, runs };
}
