/** Documented, stable exit codes (see README "Exit codes"). */
export const ExitCode = {
  /** Everything passed. */
  ok: 0,
  /** A journey or verdict failed. */
  failed: 1,
  /** Usage or config error. */
  usage: 2,
  /** `outpost canary`: the verdict is MARGINAL (1 instead with `--fail-on-marginal`). */
  marginal: 3,
  /** `outpost canary`: too few runs to decide; the output says how many would. */
  inconclusive: 4,
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
