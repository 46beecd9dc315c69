import { request as playwrightRequest } from 'playwright';
import type { APIRequestContext, Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright';
import type { BrowserPool } from './browser-pool.js';
import type { NetworkCapture } from './network-capture.js';
import type { TraceFolder } from './trace-folder.js';

/** What a run's Playwright trace records: DOM snapshots always, the screencast only when asked. */
export interface TraceRecording {
  screenshots: boolean;
}

export interface RunResourcesOptions {
  pool: BrowserPool;
  contextOptions: BrowserContextOptions;
  baseURL: string;
  /** False for API-only journeys: no browser is touched at all. */
  needsBrowser: boolean;
  /** Record a Playwright trace of the run; none when absent. */
  trace?: TraceRecording;
  /** Upper bound for each Playwright action, so that no action outlives its step. */
  actionTimeoutMs: number;
  /** Reports requests and injects trace context. */
  network: NetworkCapture;
}

/**
 * The Playwright objects one run owns: a fresh BrowserContext (isolated cookies and storage) from
 * the warm browser, a page created only when a step asks for one, and an API client. API-only
 * journeys get a standalone APIRequestContext and never touch the browser.
 */
export class RunResources {
  private browser: Browser | undefined;
  private context: BrowserContext | undefined;
  /** What steps see as `context`: pages they open get trace context from their first request. */
  private stepContext: BrowserContext | undefined;
  private page: Page | undefined;
  /** What steps see as `request`: the context's or a standalone client, wrapped for tracing. */
  private apiRequest: APIRequestContext | undefined;
  /** A standalone client this run created (API-only journeys) and must dispose. */
  private ownedRequest: APIRequestContext | undefined;
  /** The trace being recorded, and the folder that cleans up after it. */
  private recording: { folder: TraceFolder | undefined; name: string | undefined } | undefined;
  private disconnected = false;
  private readonly onDisconnected = (): void => {
    this.disconnected = true;
  };

  constructor(private readonly options: RunResourcesOptions) {}

  /** True when the browser went away during this run (crash, kill, OOM). */
  get browserLost(): boolean {
    return this.disconnected;
  }

  get hasPage(): boolean {
    return this.page !== undefined;
  }

  async open(): Promise<void> {
    const { options } = this;
    if (!options.needsBrowser) {
      const standalone = await playwrightRequest.newContext({
        baseURL: options.baseURL,
        extraHTTPHeaders: options.contextOptions.extraHTTPHeaders,
        ignoreHTTPSErrors: options.contextOptions.ignoreHTTPSErrors,
        userAgent: options.contextOptions.userAgent,
        httpCredentials: options.contextOptions.httpCredentials,
        timeout: options.actionTimeoutMs,
      });
      this.ownedRequest = standalone;
      this.apiRequest = options.network.wrap(standalone, options.baseURL);
      return;
    }
    this.browser = await options.pool.acquire();
    this.browser.on('disconnected', this.onDisconnected);
    this.context = await this.browser.newContext({ ...options.contextOptions, baseURL: options.baseURL });
    this.context.setDefaultTimeout(options.actionTimeoutMs);
    this.apiRequest = options.network.wrap(this.context.request, options.baseURL);
    options.network.attach(this.context);
    this.stepContext = options.network.wrapContext(this.context);
    if (options.trace !== undefined) await this.startTrace(this.browser, this.context, options.trace);
  }

  private async startTrace(browser: Browser, context: BrowserContext, trace: TraceRecording): Promise<void> {
    const folder = this.options.pool.traceFolder(browser);
    this.recording = { folder, name: await folder?.begin() };
    await context.tracing.start({ name: this.recording.name, snapshots: true, screenshots: trace.screenshots });
  }

  /** Opens the page the first time a step needs it. */
  async ensurePage(): Promise<Page> {
    if (this.page !== undefined) return this.page;
    const context = this.requireContext();
    const page = await context.newPage();
    await this.options.network.pageOpened(context, page);
    this.page = page;
    return page;
  }

  /** Caps Playwright's own action timeout to what is left of the step. */
  setActionTimeout(ms: number): void {
    this.context?.setDefaultTimeout(ms);
    this.context?.setDefaultNavigationTimeout(ms);
  }

  fixtures(): { page: Page; context: BrowserContext; request: APIRequestContext } {
    const self = this;
    return {
      get page(): Page {
        if (self.page === undefined) throw new Error('the page was not opened for this step (internal error)');
        return self.page;
      },
      get context(): BrowserContext {
        return self.stepContext ?? self.requireContext();
      },
      get request(): APIRequestContext {
        if (self.apiRequest === undefined) throw new Error('the run has no API client (internal error)');
        return self.apiRequest;
      },
    };
  }

  async screenshot(path: string): Promise<boolean> {
    if (this.page === undefined || this.disconnected || this.page.isClosed()) return false;
    try {
      await this.page.screenshot({ path, timeout: 5_000 });
      return true;
    } catch {
      return false;
    }
  }

  /** Stops tracing; writes the zip only when a path is given. The trace's raw files are cleaned up either way. */
  async stopTrace(path: string | undefined): Promise<boolean> {
    if (this.recording === undefined || this.context === undefined || this.disconnected) return false;
    try {
      await this.context.tracing.stop(path === undefined ? {} : { path });
      return path !== undefined;
    } catch {
      return false;
    } finally {
      await this.endTrace();
    }
  }

  async close(): Promise<void> {
    this.browser?.off('disconnected', this.onDisconnected);
    await this.context?.close().catch(() => undefined);
    await this.ownedRequest?.dispose().catch(() => undefined);
    await this.endTrace();
  }

  private async endTrace(): Promise<void> {
    const recording = this.recording;
    this.recording = undefined;
    if (recording?.name !== undefined) await recording.folder?.end(recording.name);
  }

  private requireContext(): BrowserContext {
    if (this.context === undefined) throw new Error('this journey runs without a browser (API-only); use `request`');
    return this.context;
  }
}
