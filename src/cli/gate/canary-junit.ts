/**
 * `outpost canary` as JUnit XML: a testsuite per CUJ with a testcase per metric (failed when
 * the canary is worse beyond tolerance, skipped when the samples are too few to decide) and a
 * `verdict` testcase that fails on FAIL or MARGINAL, so GitLab and Jenkins show the gate too.
 */
import type { CanarySessionResult, CujAnalysis, MetricResult } from '../../canary/index.js';
import { METRIC_HEADER, metricRow, scoreText } from './canary-rows.js';
import { xmlText } from './gate-text.js';

interface Case {
  name: string;
  outcome: 'pass' | 'failure' | 'skipped';
  message: string;
  detail: string;
}

export function canaryJunit(session: CanarySessionResult): string {
  const suites = session.analysis.cujs.map((cuj) => ({ cuj, cases: [verdictCase(cuj), ...cuj.metrics.map(metricCase)] }));
  const count = (outcome: Case['outcome']): number => suites.reduce((sum, s) => sum + s.cases.filter((c) => c.outcome === outcome).length, 0);
  const tests = suites.reduce((sum, s) => sum + s.cases.length, 0);
  const time = (session.durationMs / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="outpost canary" tests="${tests}" failures="${count('failure')}" errors="0" skipped="${count('skipped')}" time="${time}">`,
    ...suites.map(({ cuj, cases }) => suite(cuj, cases, session)),
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(cuj: CujAnalysis, cases: readonly Case[], session: CanarySessionResult): string {
  const count = (outcome: Case['outcome']): number => cases.filter((c) => c.outcome === outcome).length;
  const properties = {
    verdict: cuj.verdict,
    score: cuj.score === null ? '' : cuj.score.toFixed(1),
    baseline: `${session.baseline.name} ${session.baseline.url}`,
    canary: `${session.canary.name} ${session.canary.url}`,
    runsPerSide: String(session.runsPerSide),
    session: session.sessionId,
  };
  return [
    `  <testsuite name="${xmlText(`canary ${cuj.cuj}`)}" tests="${cases.length}" failures="${count('failure')}" errors="0" skipped="${count('skipped')}" time="0" timestamp="${xmlText(session.startedAt)}">`,
    '    <properties>',
    ...Object.entries(properties).map(([name, value]) => `      <property name="${xmlText(name)}" value="${xmlText(value)}"/>`),
    '    </properties>',
    ...cases.map((c) => testcase(cuj.cuj, c)),
    '  </testsuite>',
  ].join('\n');
}

function testcase(cuj: string, c: Case): string {
  const open = `    <testcase classname="${xmlText(`canary.${cuj}`)}" name="${xmlText(c.name)}" time="0">`;
  const outcome =
    c.outcome === 'failure'
      ? [`      <failure type="canary" message="${xmlText(c.message)}">${xmlText(c.detail)}</failure>`]
      : c.outcome === 'skipped'
        ? [`      <skipped message="${xmlText(c.message)}"/>`]
        : [];
  return [open, ...outcome, `      <system-out>${xmlText(c.detail)}</system-out>`, '    </testcase>'].join('\n');
}

function verdictCase(cuj: CujAnalysis): Case {
  const message = `${cuj.verdict} (${scoreText(cuj)}): ${cuj.reason}`;
  const outcome = cuj.verdict === 'PASS' ? 'pass' : cuj.verdict === 'INCONCLUSIVE' ? 'skipped' : 'failure';
  return { name: 'verdict', outcome, message, detail: message };
}

function metricCase(metric: MetricResult): Case {
  const row = metricRow(metric);
  const detail = [...METRIC_HEADER.map((name, i) => `${name}: ${row[i] ?? ''}`), `reason: ${metric.reason}`].join('\n');
  const message = `${metric.classification}: ${metric.reason}`;
  if (!metric.decided) return { name: metric.name, outcome: 'skipped', message, detail };
  return { name: metric.name, outcome: metric.classification === 'High' ? 'failure' : 'pass', message, detail };
}
