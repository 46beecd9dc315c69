/**
 * The latest result of a costly read, kept for `maxAgeMs`: what the board does with the SLO evaluation,
 * so that many open pages polling it (and the JSON API) cost one evaluation per refresh interval.
 * Past `maxAgeMs` and up to `staleMs`, a request gets the kept result at once and starts one reload in
 * the background (stale-while-revalidate); past `staleMs` (nobody looked for a while), it waits for a
 * fresh one. Concurrent reloads are merged into one.
 *
 * With `keepWarm`, once a value is loaded the cache reloads it every `maxAgeMs` on its own, so no
 * request waits for a load again, however long nobody looked. A failed reload stops that (a closed
 * store); the next request starts it again. The timer never keeps the process alive.
 */
export class RefreshCache<T> {
  private latest: { value: T; loadedAtMs: number } | undefined;
  private pending: Promise<T> | undefined;
  private warmTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly options: { maxAgeMs: number; staleMs: number; clock: () => number; keepWarm?: boolean },
  ) {}

  /** Stops keeping the value warm (a reload already running finishes). */
  stop(): void {
    clearTimeout(this.warmTimer);
    this.warmTimer = undefined;
  }

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
        this.scheduleWarmReload();
        return value;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  private scheduleWarmReload(): void {
    if (this.options.keepWarm !== true) return;
    this.stop();
    this.warmTimer = setTimeout(() => {
      this.warmTimer = undefined;
      this.reload().catch(() => this.stop());
    }, this.options.maxAgeMs);
    this.warmTimer.unref?.();
  }
}
