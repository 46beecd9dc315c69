import { ExitCode } from './exit-codes.js';

export interface Interrupt {
  signal: AbortSignal;
  dispose(): void;
}

/**
 * The first SIGINT/SIGTERM aborts the running work (runs end as `aborted`, results are still
 * stored and reported); a second one exits at once.
 */
export function interruptSignal(): Interrupt {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(ExitCode.interrupted);
    process.stderr.write('\ninterrupted: finishing up (press Ctrl-C again to quit now)\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
