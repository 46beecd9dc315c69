/** One problem in a config: where it is (`targets.production.url`) and what was expected there. */
export interface ConfigIssue {
  /** Dotted path to the offending key; empty when the problem is the file itself. */
  path: string;
  message: string;
}

/** Thrown when a config cannot be loaded or is invalid. Lists every problem at once. */
export class ConfigError extends Error {
  readonly issues: ConfigIssue[];
  /** The file the problems are in, when there is one. */
  readonly file: string | undefined;

  constructor(issues: ConfigIssue[], options: { file?: string; cause?: unknown } = {}) {
    super(formatConfigError(issues, options.file), { cause: options.cause });
    this.name = 'ConfigError';
    this.issues = issues;
    this.file = options.file;
  }
}

function formatConfigError(issues: ConfigIssue[], file: string | undefined): string {
  const heading = file === undefined ? 'config error:' : `config error in ${file}:`;
  return [heading, ...issues.map(formatIssue)].join('\n');
}

function formatIssue({ path, message }: ConfigIssue): string {
  // Causes such as syntax errors span lines; indent them under their bullet.
  const text = message.replaceAll('\n', '\n  ');
  return path === '' ? `- ${text}` : `- ${path}: ${text}`;
}
