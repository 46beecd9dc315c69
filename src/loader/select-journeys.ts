import type { LoadedJourney } from './load-journeys.js';

export interface JourneyFilter {
  /** Regular expression matched against the journey name and CUJ id. */
  grep?: string;
  /** Keep journeys that carry any of these tags. */
  tags?: string[];
}

/** Thrown for a `--grep` that is not a valid regular expression. */
export class InvalidGrepError extends Error {
  constructor(readonly pattern: string, cause: unknown) {
    super(`--grep ${JSON.stringify(pattern)} is not a valid regular expression: ${(cause as Error).message}`);
    this.name = 'InvalidGrepError';
  }
}

export function selectJourneys(journeys: LoadedJourney[], filter: JourneyFilter): LoadedJourney[] {
  const grep = compile(filter.grep);
  const tags = filter.tags ?? [];
  return journeys.filter(({ journey }) => {
    if (grep !== undefined && !grep.test(journey.name) && !grep.test(journey.cuj.id)) return false;
    return tags.length === 0 || tags.some((t) => journey.tags.includes(t));
  });
}

function compile(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern, 'i');
  } catch (error) {
    throw new InvalidGrepError(pattern, error);
  }
}
