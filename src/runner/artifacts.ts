import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunArtifacts } from '../journey/index.js';
import type { Redactor } from './redactor.js';
import type { RunResources } from './run-resources.js';
import { redactTraceZip } from './trace-redaction.js';

export type ArtifactMode = 'on' | 'off' | 'on-failure';

export interface ArtifactPolicy {
  /** Results folder; each run writes into `<dir>/<runId>/`. */
  dir: string;
  trace: ArtifactMode;
  screenshot: ArtifactMode;
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
