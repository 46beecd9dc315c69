import { chromium, type Browser, type LaunchOptions } from 'playwright';

export interface BrowserPoolStats {
  launches: number;
  /** Launches after the first: the browser crashed, disconnected or was recycled. */
  restarts: number;
}

/**
 * One warm browser per process. Runs get a fresh BrowserContext each (see `run-resources.ts`),
 * so launching Chromium (hundreds of ms, ~100+ MiB) is paid once, not per run. A browser that
 * crashed or disconnected is relaunched on the next `acquire()`.
 */
export class BrowserPool {
  private browser: Browser | undefined;
  private launching: Promise<Browser> | undefined;
  private closed = false;
  private readonly stats: BrowserPoolStats = { launches: 0, restarts: 0 };

  constructor(private readonly launchOptions: LaunchOptions) {}

  /** A connected browser, launching or relaunching it when needed. */
  async acquire(): Promise<Browser> {
    if (this.closed) throw new Error('browser pool is closed');
    if (this.browser?.isConnected()) return this.browser;
    this.launching ??= this.launch().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  getStats(): BrowserPoolStats {
    return { ...this.stats };
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser ?? (await this.launching?.catch(() => undefined));
    this.browser = undefined;
    await browser?.close().catch(() => undefined);
  }

  private async launch(): Promise<Browser> {
    if (this.stats.launches > 0) this.stats.restarts++;
    this.stats.launches++;
    const browser = await chromium.launch(this.launchOptions);
    this.browser = browser;
    return browser;
  }
}
