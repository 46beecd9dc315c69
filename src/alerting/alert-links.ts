/** Links into the Outpost dashboard and a trace viewer for one run. */
export interface AlertLinks {
  /** `<dashboardUrl>/runs/<runId>`; null without a dashboard URL. */
  url: string | null;
  /** `<dashboardUrl>/runs/<runId>/screenshot`; null without a dashboard URL or a screenshot. */
  screenshotUrl: string | null;
  /** The trace template with the run's trace id; null without either. */
  traceUrl: string | null;
}

/**
 * The links an alert carries for a run. The dashboard serves `/runs/:id` and
 * `/runs/:id/screenshot` under its external base URL (`alerting.dashboardUrl`).
 */
export function runLinks(
  settings: { dashboardUrl: string | null; traceUrlTemplate: string | null },
  run: { id: string; hasScreenshot: boolean; traceId: string | null },
): AlertLinks {
  const base = settings.dashboardUrl === null ? null : `${settings.dashboardUrl.replace(/\/+$/, '')}/runs/${encodeURIComponent(run.id)}`;
  return {
    url: base,
    screenshotUrl: base !== null && run.hasScreenshot ? `${base}/screenshot` : null,
    traceUrl: settings.traceUrlTemplate !== null && run.traceId !== null ? settings.traceUrlTemplate.replaceAll('{traceId}', run.traceId) : null,
  };
}
