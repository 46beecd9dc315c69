import type { RunSummary } from './run-summary.js';

/** A journey Outpost knows of: configured (journey files) or seen in the store. */
export interface KnownJourney {
  name: string;
  cuj?: string;
  description?: string;
}

export interface JourneyIndexRow {
  journey: string;
  cuj?: string;
  description?: string;
  latest?: RunSummary;
}
