/**
 * Waits for `work` (its outcome ignored) but no longer than `ms`. The timer stays referenced
 * on purpose: a caller awaiting this at the end of the CLI must not see the process exit with
 * the promise unsettled.
 * @returns whether the work finished in time
 */
export async function settleWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true, () => true), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
