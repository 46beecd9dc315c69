import { tmpdir } from 'node:os';
import { chromium, type Browser, type LaunchOptions } from 'playwright';
import { browserTreeRss } from './process-tree-rss.js';
import { TraceFolder } from './trace-folder.js';

export interface BrowserPoolStats {
  launches: number;
  /** Launches after the first: the browser crashed, disconnected or was recycled. */
  restarts: number;
  /** Restarts that were planned recycles; the others followed a crash or disconnect. */
  recycles: number;
  /** Retired browsers still open because runs in progress use them. */
  draining: number;
  /** Browser contexts open now, on every browser: one per browser run in progress. */
  contexts: number;
  /** Pages open now in those contexts, as Playwright sees them: a leak shows as pages with no run in progress. */
  pages: number;
}

/** Why a browser was recycled: it served `maxRuns` runs, or its processes grew past `maxRssBytes`. */
export interface RecycleEvent {
  reason: 'runs' | 'rss';
  runs: number;
  rssBytes?: number;
}

/**
 * When to replace the warm browser with a fresh one. Long-lived Chromium grows (caches, leaks in
 * pages under test); a daemon relaunches it between runs. Runs in progress keep the old browser
 * until their context closes (drain); new runs get the new one.
 */
export interface BrowserRecycling {
  /** Relaunch after this many runs on one browser. */
  maxRuns?: number;
  /** Relaunch when the browser's process tree holds more resident memory than this (bytes). */
  maxRssBytes?: number;
  /** Read the memory at most this often (default 10 s). */
  rssCheckIntervalMs?: number;
  /** Close a retired browser after this long even if a context is still open (default 5 min). */
  drainTimeoutMs?: number;
  /** Reads the resident memory of the browsers (default: the process tree in /proc). */
  readRss?: () => Promise<number | undefined>;
  onRecycle?: (event: RecycleEvent) => void;
}

export interface BrowserPoolOptions {
  recycle?: BrowserRecycling;
  /** Where each browser's trace folder is made (default: the OS temp folder). */
  tracesRoot?: string;
}

/** One launched browser and who is using it. */
interface Pooled {
  browser: Browser;
  /** Where this browser records traces; removed when it closes. */
  traces: TraceFolder;
  runs: number;
  /** Handed out by `acquire()` and not yet turned into a context. */
  handedOut: number;
  contexts: number;
  retired: boolean;
  drainTimer?: NodeJS.Timeout;
}

const DEFAULT_RSS_CHECK_MS = 10_000;
const DEFAULT_DRAIN_TIMEOUT_MS = 5 * 60_000;

/**
 * One warm browser per process. Runs get a fresh BrowserContext each (see `run-resources.ts`),
 * so launching Chromium (hundreds of ms, ~100+ MiB) is paid once, not per run. A browser that
 * crashed or disconnected is relaunched on the next `acquire()`; with `recycle`, one that served
 * enough runs or grew too big is replaced between runs.
 */
export class BrowserPool {
  private current: Pooled | undefined;
  private launching: Promise<Pooled> | undefined;
  private readonly draining = new Set<Pooled>();
  private readonly traceFolders = new WeakMap<Browser, TraceFolder>();
  private closed = false;
  private recyclePending = false;
  private lastRssCheck = Number.NEGATIVE_INFINITY;
  private readonly stats = { launches: 0, restarts: 0, recycles: 0 };

  constructor(private readonly launchOptions: LaunchOptions, private readonly options: BrowserPoolOptions = {}) {}

  /** A connected browser for one run, launching, relaunching or recycling it when needed. */
  async acquire(): Promise<Browser> {
    const current = this.current;
    if (current?.browser.isConnected()) {
      const recycle = await this.recycleReason(current);
      if (recycle !== undefined && this.current === current) this.retire(current, recycle);
    }
    const pooled = await this.connected();
    pooled.runs++;
    pooled.handedOut++;
    return pooled.browser;
  }

  /** Checks that a browser is up or can be launched (readiness); returns its version. Not a run. */
  async probe(): Promise<string> {
    return (await this.connected()).browser.version();
  }

  /** The folder `browser` (from `acquire()`) records traces into. */
  traceFolder(browser: Browser): TraceFolder | undefined {
    return this.traceFolders.get(browser);
  }

  getStats(): BrowserPoolStats {
    const browsers = [...this.draining, ...(this.current === undefined ? [] : [this.current])];
    const pages = browsers.reduce((sum, pooled) => sum + pooled.browser.contexts().reduce((n, context) => n + context.pages().length, 0), 0);
    return { ...this.stats, draining: this.draining.size, contexts: browsers.reduce((sum, pooled) => sum + pooled.contexts, 0), pages };
  }

  async close(): Promise<void> {
    this.closed = true;
    const current = this.current ?? (await this.launching?.catch(() => undefined));
    this.current = undefined;
    const all = [...this.draining, ...(current === undefined ? [] : [current])];
    this.draining.clear();
    await Promise.all(all.map((pooled) => this.closeBrowser(pooled)));
  }

  private async connected(): Promise<Pooled> {
    if (this.closed) throw new Error('browser pool is closed');
    if (this.current?.browser.isConnected()) return this.current;
    this.launching ??= this.launch().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  private async launch(): Promise<Pooled> {
    if (this.stats.launches > 0) {
      this.stats.restarts++;
      if (this.recyclePending) this.stats.recycles++;
    }
    this.recyclePending = false;
    this.stats.launches++;
    const traces = await TraceFolder.create(this.options.tracesRoot ?? tmpdir());
    // Its own traces folder (not Playwright's artifacts folder), so that finished traces can be cleaned up.
    const browser = await chromium.launch({ ...this.launchOptions, tracesDir: traces.dir }).catch(async (error: unknown) => {
      await traces.remove();
      throw error;
    });
    const pooled: Pooled = { browser, traces, runs: 0, handedOut: 0, contexts: 0, retired: false };
    this.traceFolders.set(browser, traces);
    this.follow(pooled);
    if (this.closed) {
      await this.closeBrowser(pooled);
      throw new Error('browser pool is closed');
    }
    this.current = pooled;
    return pooled;
  }

  /** Counts the contexts of a browser, so a retired one closes when its last run is done. */
  private follow(pooled: Pooled): void {
    pooled.browser.on('context', (context) => {
      pooled.handedOut = Math.max(0, pooled.handedOut - 1);
      pooled.contexts++;
      context.on('close', () => {
        pooled.contexts--;
        this.closeIfDrained(pooled);
      });
    });
    pooled.browser.on('disconnected', () => {
      if (this.current === pooled) this.current = undefined;
      this.draining.delete(pooled);
      clearTimeout(pooled.drainTimer);
      void pooled.traces.remove();
    });
  }

  private async recycleReason(pooled: Pooled): Promise<RecycleEvent | undefined> {
    const recycle = this.options.recycle;
    if (recycle === undefined) return undefined;
    if (recycle.maxRuns !== undefined && pooled.runs >= recycle.maxRuns) return { reason: 'runs', runs: pooled.runs };
    // Only with no retired browser left: while one drains, the tree holds both.
    if (recycle.maxRssBytes === undefined || this.draining.size > 0) return undefined;
    if (Date.now() - this.lastRssCheck < (recycle.rssCheckIntervalMs ?? DEFAULT_RSS_CHECK_MS)) return undefined;
    this.lastRssCheck = Date.now();
    const rssBytes = await (recycle.readRss ?? browserTreeRss)();
    return rssBytes !== undefined && rssBytes > recycle.maxRssBytes ? { reason: 'rss', runs: pooled.runs, rssBytes } : undefined;
  }

  /** New runs get a new browser; this one closes when its last context does (or after the drain timeout). */
  private retire(pooled: Pooled, event: RecycleEvent): void {
    this.current = undefined;
    this.recyclePending = true;
    pooled.retired = true;
    this.draining.add(pooled);
    this.options.recycle?.onRecycle?.(event);
    const drainMs = this.options.recycle?.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
    pooled.drainTimer = setTimeout(() => void this.closeBrowser(pooled), drainMs);
    pooled.drainTimer.unref();
    this.closeIfDrained(pooled);
  }

  private closeIfDrained(pooled: Pooled): void {
    if (pooled.retired && pooled.handedOut === 0 && pooled.contexts === 0) void this.closeBrowser(pooled);
  }

  private async closeBrowser(pooled: Pooled): Promise<void> {
    clearTimeout(pooled.drainTimer);
    this.draining.delete(pooled);
    await pooled.browser.close().catch(() => undefined);
    await pooled.traces.remove();
  }
}
