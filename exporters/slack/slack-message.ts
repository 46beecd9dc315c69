import { formatBurn, formatPercent, type AlertMessage } from '../../src/alerting/index.js';

/** A Slack incoming-webhook message: `text` is the fallback (notifications, old clients), `blocks` the layout. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: boolean } }
  | { type: 'section'; text?: SlackText; fields?: SlackText[] }
  | { type: 'context'; elements: SlackText[] };

export interface SlackText {
  type: 'mrkdwn';
  text: string;
}

// Slack's limits: a header holds 150 characters, a field 2000, a section's text 3000.
const MAX_HEADER = 150;
const MAX_FIELD = 2000;
const MAX_SECTION = 3000;

/** A readable Slack message: what burns, how fast, what fails, and links to look at. */
export function slackMessage(message: AlertMessage, notificationId: string): SlackMessage {
  const firing = message.state === 'firing';
  const title = `${firing ? (message.severity === 'page' ? '🔴' : '🟠') : '✅'} ${firing ? titleWord(message) : 'Resolved'}: ${message.slo} (${message.tier})`;
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(title, MAX_HEADER), emoji: true } },
    { type: 'section', text: mrkdwn(cut(escape(message.summary), MAX_SECTION)) },
    { type: 'section', fields: fields(message).map((text) => mrkdwn(cut(text, MAX_FIELD))) },
  ];
  const links = linkLine(message);
  if (links !== '') blocks.push({ type: 'section', text: mrkdwn(links) });
  blocks.push({ type: 'context', elements: [mrkdwn(`Outpost · alert \`${escape(message.dedupKey)}\` · notification \`${notificationId}\``)] });
  return { text: fallback(message), blocks };
}

function titleWord(message: AlertMessage): string {
  if (message.kind === 'trigger') return 'Firing';
  return 'Still firing';
}

function fields(message: AlertMessage): string[] {
  const list = [
    `*Journey*\n${escape(message.journey)}${message.cuj?.description ? ` — ${escape(message.cuj.description)}` : ''}`,
    `*Severity*\n${message.severity} (${escape(message.tier)})`,
    message.burnRateThreshold === null
      ? `*Burn rate*\n${burn(message.long)}`
      : `*Burn rate*\n${burn(message.long)} · ${burn(message.short)} (fires above ${formatBurn(message.burnRateThreshold)}×)`,
    `*Error budget left*\n${message.budgetRemaining === null ? 'unknown' : formatPercent(message.budgetRemaining)}${message.objective === null ? '' : ` (objective ${formatPercent(message.objective)})`}`,
  ];
  if (message.reason !== null) list.push(`*Reason*\n${escape(message.reason)}`);
  if (message.failingStep !== null) {
    const { name, failures, lastError } = message.failingStep;
    list.push(`*Failing step*\n${escape(name)} (${failures} of ${message.failedRuns} failed runs)`);
    if (lastError !== null) list.push(`*Last error*\n\`\`\`${escape(lastError)}\`\`\``);
  }
  if (message.owner !== null) list.push(`*Owner*\n${escape(message.owner)}`);
  list.push(`*Since*\n${message.firingSince}${message.resolvedAt === null ? '' : ` → ${message.resolvedAt}`}`);
  return list;
}

function burn(window: AlertMessage['long']): string {
  return `${window.burnRate === null ? 'no data' : `${formatBurn(window.burnRate)}×`} over ${window.window}`;
}

function linkLine(message: AlertMessage): string {
  const run = message.latestFailedRun;
  const links = [
    link(message.runbookUrl, 'Runbook'),
    link(run?.url, 'Latest failed run'),
    link(run?.screenshotUrl, 'Screenshot'),
    link(run?.traceUrl, 'Trace'),
    run?.traceId && !run.traceUrl ? `trace \`${run.traceId}\`` : '',
    link(message.dashboardUrl, 'Dashboard'),
  ];
  return links.filter((text) => text !== '').join(' · ');
}

function link(url: string | null | undefined, label: string): string {
  // `|` and `>` end a Slack link; URLs are percent-encoded, so only those two need care.
  return url ? `<${url.replace(/\|/g, '%7C').replace(/>/g, '%3E')}|${label}>` : '';
}

function fallback(message: AlertMessage): string {
  const step = message.failingStep === null ? '' : ` Failing step: ${message.failingStep.name}${message.failingStep.lastError === null ? '' : ` (${message.failingStep.lastError})`}.`;
  const runbook = message.runbookUrl === null ? '' : ` Runbook: ${message.runbookUrl}`;
  return escape(`${message.state === 'firing' ? `[${message.severity.toUpperCase()}] ` : '[RESOLVED] '}${message.summary}.${step}${runbook}`);
}

/** Slack's mrkdwn control characters: & < > must be escaped in text. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function mrkdwn(text: string): SlackText {
  return { type: 'mrkdwn', text };
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
