import { readFileSync } from 'node:fs';
import { ProcessTreeWalker, pssKiB, rssKiB } from '../runner/process-tree-memory.js';
import { histogramOf, parsePrometheusText, sumOf, type Histogram } from './prometheus-text.js';

/** One look at the running serve: its process tree's memory, its browser, its metrics. */
export interface SoakSample {
  /** Since serve listened. */
  atMs: number;
  /** Attempts finished so far (`outpost_journey_runs_total`, every status). */
  runs: number;
  /** serve (node) plus every Chromium process under it. */
  rssKiB: number;
  /** Read every `pssEvery`-th sample (it costs page-table walks); undefined in between. */
  pssKiB: number | undefined;
  /** serve's own (node) RSS. */
  nodeRssKiB: number;
  processes: number;
  /** Chromium renderer processes (one per live page, roughly): counted from /proc, independently of Playwright. */
  renderers: number;
  /** Browser contexts and pages open now, as Playwright sees them (serve's /healthz). */
  contexts: number;
  pages: number;
  inFlight: number;
  queued: number;
  browserLaunches: number;
  browserRecycles: number;
  missed: Record<string, number>;
  runErrors: number;
  lag: Histogram;
}

interface Healthz {
  inFlight: number;
  queued: number;
  browser: { launches: number; recycles: number; contexts: number; pages?: number };
}

/** Samples serve's tree (rooted at `pid`) and its HTTP endpoints at `url`. */
export class SoakSampler {
  private readonly walker: ProcessTreeWalker;
  private count = 0;

  constructor(
    private readonly pid: number,
    private readonly url: string,
    private readonly startedAt: number,
    private readonly pssEvery: number,
  ) {
    this.walker = new ProcessTreeWalker(pid);
  }

  async sample(): Promise<SoakSample> {
    const pids = this.walker.pids();
    const rss = rssKiB(pids);
    const pss = this.count++ % this.pssEvery === 0 ? await pssKiB(pids) : undefined;
    const [health, metricsText] = await Promise.all([
      fetch(`${this.url}/healthz`).then((r) => r.json() as Promise<Healthz>),
      fetch(`${this.url}/metrics`).then((r) => r.text()),
    ]);
    const metrics = parsePrometheusText(metricsText);
    const missed: Record<string, number> = {};
    for (const reason of ['overlap', 'late', 'shutdown', 'claim']) missed[reason] = sumOf(metrics, 'outpost_scheduler_slots_missed_total', { reason });
    return {
      atMs: Date.now() - this.startedAt,
      runs: sumOf(metrics, 'outpost_journey_runs_total'),
      rssKiB: rss.kib,
      pssKiB: pss,
      nodeRssKiB: rssKiB([this.pid]).kib,
      processes: rss.processes,
      renderers: pids.filter((pid) => isRenderer(pid)).length,
      contexts: health.browser.contexts,
      pages: health.browser.pages ?? Number.NaN,
      inFlight: health.inFlight,
      queued: health.queued,
      browserLaunches: health.browser.launches,
      browserRecycles: health.browser.recycles,
      missed,
      runErrors: sumOf(metrics, 'outpost_scheduler_run_errors_total'),
      lag: histogramOf(metrics, 'outpost_scheduler_schedule_lag_seconds'),
    };
  }
}

function isRenderer(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
  } catch {
    return false;
  }
}
