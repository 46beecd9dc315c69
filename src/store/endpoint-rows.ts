import type { EndpointUse, JourneyResult } from '../journey/index.js';

/** One row of the `endpoints` table: an endpoint one run exercised in one step. */
export interface EndpointRow {
  run_id: string;
  step_index: number;
  method: string;
  host: string;
  path: string;
  status: number;
  request_count: number;
  total_ms: number;
}

export const ENDPOINT_COLUMNS = [
  'run_id', 'step_index', 'method', 'host', 'path', 'status', 'request_count', 'total_ms',
] as const satisfies readonly (keyof EndpointRow)[];

export function toEndpointRows(result: JourneyResult): EndpointRow[] {
  return (result.endpoints ?? []).map((use) => ({
    run_id: result.id,
    step_index: use.step,
    method: use.method,
    host: use.host,
    path: use.path,
    status: use.status,
    request_count: use.count,
    total_ms: use.totalMs,
  }));
}

export function fromEndpointRow(row: EndpointRow): EndpointUse {
  return { step: row.step_index, method: row.method, host: row.host, path: row.path, status: row.status, count: row.request_count, totalMs: row.total_ms };
}
