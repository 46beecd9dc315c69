import * as z from 'zod';
import { isDuration, toMilliseconds, type Duration } from '../journey/index.js';
import { strictObject } from './strict-object.js';

/** Settings of the dashboard that `outpost ui` and `outpost serve` serve. */
export interface DashboardConfig {
  /**
   * Your tracing UI's page for one trace, with `{traceId}` where the id goes; each run page then
   * links to the run's OpenTelemetry trace. E.g. Jaeger `'https://jaeger.example.com/trace/{traceId}'`,
   * Grafana Tempo `'https://grafana.example.com/explore?left={"queries":[{"query":"{traceId}","queryType":"traceql"}]}'`.
   */
  traceUrl?: string;
  /** How often open pages check for new data. Default `'15s'`. */
  refresh?: Duration;
}

export interface ResolvedDashboardConfig {
  traceUrl: string | undefined;
  refreshMs: number;
}

const DEFAULT_REFRESH_MS = 15_000;

const traceUrl = z
  .string()
  .refine((value) => value.includes('{traceId}'), { error: 'expected a URL with {traceId} where the trace id goes' })
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value.replaceAll('{traceId}', '0')), { error: 'expected an http(s) URL' });

const refresh = z.custom<Duration>((value) => isDuration(value) && toMilliseconds(value) >= 1000, {
  error: "expected a duration of at least one second, like '15s' or '1m'",
});

export const dashboardSchema = strictObject({ traceUrl: traceUrl.optional(), refresh: refresh.optional() });

export function resolveDashboardConfig(config: DashboardConfig | undefined): ResolvedDashboardConfig {
  return {
    traceUrl: config?.traceUrl,
    refreshMs: config?.refresh === undefined ? DEFAULT_REFRESH_MS : toMilliseconds(config.refresh),
  };
}
