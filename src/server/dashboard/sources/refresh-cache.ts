/**
 * The latest result of a costly read, kept for `maxAgeMs`: what the board does with the SLO evaluation,
 * so that many open pages polling it (and the JSON API) cost one evaluation per refresh interval.
 * Past `maxAgeMs` and up to `staleMs`, a request gets the kept result at once and starts one reload in
 * the background (stale-while-revalidate); past `staleMs` (nobody looked for a while), it waits for a
 * fresh one. Concurrent reloads are merged into one.
 */
export class RefreshCache<T> {
  private latest: { value: T; loadedAtMs: number } | undefined;
  private pending: Promise<T> | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly options: { maxAgeMs: number; staleMs: number; clock: () => number },
  ) {}

  async get(): Promise<T> {
    const age = this.latest === undefined ? Infinity : this.options.clock() - this.latest.loadedAtMs;
    if (this.latest !== undefined && age < this.options.maxAgeMs) return this.latest.value;
    if (this.latest !== undefined && age < this.options.staleMs) {
      // A failed background reload keeps the older result; the next request past staleMs waits and sees the error.
      this.reload().catch(() => undefined);
      return this.latest.value;
    }
    return this.reload();
  }

  private reload(): Promise<T> {
    if (this.pending !== undefined) return this.pending;
    const startedAtMs = this.options.clock();
    this.pending = this.load()
      .then((value) => {
        this.latest = { value, loadedAtMs: startedAtMs };
        return value;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}
