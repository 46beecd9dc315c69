import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunArtifacts } from '../journey/index.js';
import type { Redactor } from './redactor.js';
import type { RunResources, TraceRecording } from './run-resources.js';
import { redactTraceZip } from './trace-redaction.js';

export type ArtifactMode = 'on' | 'off' | 'on-failure';

export interface ArtifactPolicy {
  /** Results folder; each run writes into `<dir>/<runId>/`. */
  dir: string;
  trace: ArtifactMode;
  screenshot: ArtifactMode;
}

/**
 * What to record for a trace mode. `on-failure` records every run to keep the failing ones, so
 * it leaves out the screencast: the frames streamed around each action were most of the trace's
 * cost (≈ +37% wall time per run, BENCHMARKS.md "Runner"), the failure screenshot is taken
 * separately, and the DOM snapshots still let the trace viewer show the page before and after
 * each action. `on` keeps the screencast: whoever asks for every trace gets the full film strip.
 */
export function traceRecording(mode: ArtifactMode): TraceRecording | undefined {
  if (mode === 'off') return undefined;
  return { screenshots: mode === 'on' };
}

interface SaveInputs {
  policy: ArtifactPolicy;
  runId: string;
  passed: boolean;
  redactor: Redactor;
}

/** Writes the screenshot and trace the policy asks for. Paths in the result are relative to `dir`. */
export async function saveArtifacts(resources: RunResources, inputs: SaveInputs): Promise<RunArtifacts> {
  const { policy, runId, passed } = inputs;
  const wanted = (mode: ArtifactMode) => mode === 'on' || (mode === 'on-failure' && !passed);
  const artifacts: RunArtifacts = {};
  const runDir = join(policy.dir, runId);
  if (wanted(policy.screenshot) && resources.hasPage) {
    await mkdir(runDir, { recursive: true });
    if (await resources.screenshot(join(runDir, 'screenshot.png'))) artifacts.screenshot = `${runId}/screenshot.png`;
  }
  if (wanted(policy.trace)) {
    await mkdir(runDir, { recursive: true });
    const tracePath = join(runDir, 'trace.zip');
    if (await resources.stopTrace(tracePath)) {
      await redactTraceZip(tracePath, (text) => inputs.redactor.redact(text));
      artifacts.trace = `${runId}/trace.zip`;
    }
  } else {
    await resources.stopTrace(undefined);
  }
  return artifacts;
}
