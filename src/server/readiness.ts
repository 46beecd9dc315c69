/** One thing serve needs to do its work; `check` rejects (or times out) when it is not there. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<unknown>;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  error?: string;
  /** ISO-8601: when the check last ran (results are cached). */
  checkedAt: string;
}

export interface ReadinessReport {
  ready: boolean;
  /** Set while serve shuts down: it takes no new work, so it is not ready. */
  shuttingDown?: true;
  checks: CheckResult[];
}

export interface ReadinessOptions {
  /** Reuse a passing result this long (default 15 s): probes every few seconds must stay cheap. */
  passCacheMs?: number;
  /** Reuse a failing result this long (default 2 s), so a recovery shows soon. */
  failCacheMs?: number;
  /** A check that takes longer fails (default 10 s). */
  timeoutMs?: number;
  now?: () => number;
}

interface Cached {
  result: CheckResult;
  until: number;
}

/**
 * `/readyz`: runs each check for real (a browser that launches, a store that answers and can be
 * written), caches the results briefly, and shares one check among concurrent probes.
 */
export class Readiness {
  private readonly cache = new Map<string, Cached>();
  private readonly running = new Map<string, Promise<CheckResult>>();
  private shuttingDown = false;
  private readonly now: () => number;

  constructor(private readonly checks: readonly ReadinessCheck[], private readonly options: ReadinessOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** From now on, not ready (shutdown began). */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async report(): Promise<ReadinessReport> {
    const checks = await Promise.all(this.checks.map((check) => this.result(check)));
    if (this.shuttingDown) return { ready: false, shuttingDown: true, checks };
    return { ready: checks.every((c) => c.ok), checks };
  }

  private result(check: ReadinessCheck): Promise<CheckResult> {
    const cached = this.cache.get(check.name);
    if (cached !== undefined && cached.until > this.now()) return Promise.resolve(cached.result);
    let running = this.running.get(check.name);
    if (running === undefined) {
      running = this.run(check).finally(() => this.running.delete(check.name));
      this.running.set(check.name, running);
    }
    return running;
  }

  private async run(check: ReadinessCheck): Promise<CheckResult> {
    const checkedAt = new Date(this.now()).toISOString();
    let result: CheckResult;
    try {
      await withDeadline(check.check(), this.options.timeoutMs ?? 10_000);
      result = { name: check.name, ok: true, checkedAt };
    } catch (error) {
      result = { name: check.name, ok: false, error: error instanceof Error ? error.message : String(error), checkedAt };
    }
    const cacheMs = result.ok ? (this.options.passCacheMs ?? 15_000) : (this.options.failCacheMs ?? 2_000);
    this.cache.set(check.name, { result, until: this.now() + cacheMs });
    return result;
  }
}

async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
