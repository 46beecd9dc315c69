/**
 * What Outpost keeps in OpenSLO `metadata.annotations` because OpenSLO v1 has no field for it.
 * Tools that do not know them ignore them; `outpost slo import` reads them back.
 */
export const ANNOTATIONS = {
  journey: 'outpost.dev/journey',
  sliKind: 'outpost.dev/sli-kind',
  step: 'outpost.dev/step',
  quorumCount: 'outpost.dev/quorum-count',
  guards: 'outpost.dev/guards',
  shortWindow: 'outpost.dev/short-window',
  budgetShare: 'outpost.dev/budget-share',
  owner: 'outpost.dev/owner',
  approver: 'outpost.dev/approver',
  runbookUrl: 'outpost.dev/runbook-url',
  reviewDate: 'outpost.dev/review-date',
  errorBudgetPolicy: 'outpost.dev/error-budget-policy',
} as const;

export const API_VERSION = 'openslo/v1';
