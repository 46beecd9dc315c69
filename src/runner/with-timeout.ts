/** How a piece of journey code ended when raced against its deadline. */
export type Outcome = { kind: 'ok' } | { kind: 'error'; error: unknown } | { kind: 'timeout' };

/**
 * Races `work` against a timer. The work is not cancelled (user code cannot be); the caller
 * closes the browser context afterwards, which makes pending Playwright calls reject.
 */
export async function withTimeout(work: () => Promise<void> | void, timeoutMs: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), Math.max(0, timeoutMs));
  });
  const run = (async (): Promise<Outcome> => {
    try {
      await work();
      return { kind: 'ok' };
    } catch (error) {
      return { kind: 'error', error };
    }
  })();
  try {
    return await Promise.race([run, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
