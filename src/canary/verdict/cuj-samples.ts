/** The raw samples of one CUJ on both deployments, as the runner collects them, and their checks. */

/** What one deployment's runs of a CUJ produced. */
export interface DeploymentSamples {
  passed: number;
  failed: number;
  /** Durations of the journey runs to compare, in ms. */
  durationsMs: readonly number[];
  /** Durations per step name, in ms (only runs that reached the step). */
  steps?: Readonly<Record<string, readonly number[]>>;
}

export interface CujSamples {
  baseline: DeploymentSamples;
  canary: DeploymentSamples;
}

/** Every problem in the samples, each with its path ("canary.steps.login[3]: …"). */
export function sampleIssues(cuj: string, samples: CujSamples): string[] {
  return (['baseline', 'canary'] as const).flatMap((side) => deploymentIssues(`${cuj}.${side}`, samples[side]));
}

function deploymentIssues(path: string, samples: DeploymentSamples): string[] {
  const counts = (['passed', 'failed'] as const)
    .filter((key) => !(Number.isInteger(samples[key]) && samples[key] >= 0))
    .map((key) => `${path}.${key}: expected a non-negative integer, got ${samples[key]}`);
  const steps = Object.entries(samples.steps ?? {}).flatMap(([name, values]) => durationIssues(`${path}.steps.${name}`, values));
  return [...counts, ...durationIssues(`${path}.durationsMs`, samples.durationsMs), ...steps];
}

function durationIssues(path: string, values: readonly number[]): string[] {
  return values.flatMap((value, index) =>
    Number.isFinite(value) && value >= 0 ? [] : [`${path}[${index}]: expected a finite duration ≥ 0 ms, got ${value}`],
  );
}
