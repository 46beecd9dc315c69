import { pathToFileURL } from 'node:url';
import { isJourney, type Journey } from '../journey/index.js';

/** A journey file that could not be loaded: it threw at import, has a syntax error, or exports no journey. */
export interface JourneyFileProblem {
  file: string;
  message: string;
}

export interface LoadedJourney {
  journey: Journey;
  file: string;
}

export interface LoadResult {
  journeys: LoadedJourney[];
  problems: JourneyFileProblem[];
}

/**
 * Imports each file and collects the journeys it exports. A broken file becomes a problem
 * naming the file and its cause; the other files still load.
 */
export async function loadJourneys(files: string[]): Promise<LoadResult> {
  const journeys: LoadedJourney[] = [];
  const problems: JourneyFileProblem[] = [];
  for (const file of files) {
    try {
      const found = exportedJourneys(await import(pathToFileURL(file).href));
      if (found.length === 0) problems.push({ file, message: 'exports no journey (expected `export default journey({...})`)' });
      for (const journey of found) journeys.push({ journey, file });
    } catch (error) {
      problems.push({ file, message: importFailure(error, file) });
    }
  }
  problems.push(...duplicateNames(journeys));
  return { journeys, problems };
}

function exportedJourneys(module: Record<string, unknown>): Journey[] {
  const values = Object.values(module).filter(isJourney);
  return [...new Set(values)];
}

/** The error, plus where in the journey file it was thrown (frames inside the loader say nothing useful). */
function importFailure(error: unknown, file: string): string {
  if (!(error instanceof Error)) return String(error);
  const frame = error.stack?.split('\n').find((line) => line.trim().startsWith('at ') && line.includes(file))?.trim();
  return `${error.name}: ${error.message}${frame === undefined ? '' : ` (${frame})`}`;
}

function duplicateNames(journeys: LoadedJourney[]): JourneyFileProblem[] {
  const seen = new Map<string, string>();
  const problems: JourneyFileProblem[] = [];
  for (const { journey, file } of journeys) {
    const first = seen.get(journey.name);
    if (first !== undefined) problems.push({ file, message: `journey name "${journey.name}" is already used in ${first}` });
    else seen.set(journey.name, file);
  }
  return problems;
}
