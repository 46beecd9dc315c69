/** Documented, stable exit codes (see README "Exit codes"). */
export const ExitCode = {
  /** Everything passed. */
  ok: 0,
  /** A journey or verdict failed. */
  failed: 1,
  /** Usage or config error. */
  usage: 2,
  /** Interrupted (SIGINT/SIGTERM). */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the CLI reports in one clean message (no stack) with its exit code. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCodeValue = ExitCode.usage) {
    super(message);
    this.name = 'CliError';
  }
}
