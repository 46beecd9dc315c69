/**
 * The public API that journeys and configs import: `import { journey, step, defineConfig } from 'outpost'`.
 */
export { journey, step, isJourney, JourneyDefinitionError } from './journey/index.js';
export { defineConfig } from './config/index.js';
export type { OutpostConfig, SloConfig, AlertingConfig, AlertChannelConfig, RetentionConfig } from './config/index.js';
export type {
  Journey,
  JourneyDefinition,
  Cuj,
  Schedule,
  Step,
  StepOptions,
  StepContext,
  StepFunction,
  StepLogger,
  TargetInfo,
  Duration,
  JourneyResult,
  StepResult,
  RunStatus,
  StepStatus,
} from './journey/index.js';
