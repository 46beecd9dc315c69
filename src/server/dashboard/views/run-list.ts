import type { RunSummary } from './run-summary.js';

/** The filters the runs list and `/api/v1/runs` take. */
export interface RunListFilter {
  journey?: string;
  location?: string;
  status?: string;
  session?: string;
}

export interface RunList {
  filter: RunListFilter;
  runs: RunSummary[];
  total: number;
  limit: number;
  offset: number;
}
