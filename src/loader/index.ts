export { findJourneyFiles, NoJourneyFilesError } from './find-journey-files.js';
export { loadJourneys } from './load-journeys.js';
export type { LoadedJourney, LoadResult, JourneyFileProblem } from './load-journeys.js';
export { selectJourneys, InvalidGrepError } from './select-journeys.js';
export type { JourneyFilter } from './select-journeys.js';
