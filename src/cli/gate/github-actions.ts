/**
 * GitHub Actions integration: a Markdown summary appended to `$GITHUB_STEP_SUMMARY`, and
 * `::error` / `::warning` workflow commands that GitHub shows as annotations on the run.
 */
import { appendFileSync } from 'node:fs';

export interface Annotation {
  level: 'error' | 'warning';
  title: string;
  message: string;
}

/** Appends `markdown` to the step summary file when `GITHUB_STEP_SUMMARY` is set. */
export function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file === undefined || file === '') return;
  appendFileSync(file, markdown.endsWith('\n') ? `${markdown}\n` : `${markdown}\n\n`);
}

/** True inside a GitHub Actions job. */
export function inGithubActions(env: NodeJS.ProcessEnv): boolean {
  return env.GITHUB_ACTIONS === 'true' || env.GITHUB_ACTIONS === '1';
}

/** One workflow command line, escaped as the runner expects. */
export function workflowCommand(annotation: Annotation): string {
  return `::${annotation.level} title=${escapeProperty(annotation.title)}::${escapeData(annotation.message)}\n`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
