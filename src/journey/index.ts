export { journey, isJourney, fixturesUsedByJourney, JourneyDefinitionError } from './journey.js';
export type { Journey, JourneyDefinition, Cuj, Schedule } from './journey.js';
export { step } from './step.js';
export type { Step, StepOptions } from './step.js';
export type { StepContext, StepFunction, StepLogger, TargetInfo, Expect, FixtureName } from './step-context.js';
export { toMilliseconds, isDuration, DurationError } from './duration.js';
export type { Duration } from './duration.js';
export { failingStep, softFailures } from './journey-result.js';
export type { JourneyResult, StepResult, RunStatus, StepStatus, ErrorInfo, RunArtifacts, EndpointUse } from './journey-result.js';
