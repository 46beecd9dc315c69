import { html, type SafeHtml } from '../../../html/index.js';
import { timestamp } from './format.js';

export interface PageOptions {
  title: string;
  /** Which nav entry is current. */
  section: 'board' | 'journeys' | 'alerts' | 'gates' | 'none';
  body: SafeHtml;
  /**
   * The JSON API the browser script polls for this page. `board`: the board rows are redrawn
   * from it; `swap`: when its `version` changes, the page's main part is fetched and replaced.
   */
  live?: { api: string; mode: 'board' | 'swap'; version: string; intervalMs: number };
  generatedAtMs: number;
  /** Shows a log-out button (token access). */
  loggedIn?: boolean;
}

const NAV: { section: PageOptions['section']; href: string; label: string }[] = [
  { section: 'board', href: '/', label: 'SLO board' },
  { section: 'journeys', href: '/journeys', label: 'Journeys' },
  { section: 'alerts', href: '/alerts', label: 'Alerts' },
  { section: 'gates', href: '/gates', label: 'Canary & verify' },
];

/** The page chrome. Scripts and styles are files under /assets (the CSP allows nothing inline). */
export function layout(page: PageOptions): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · Outpost</title>
<link rel="stylesheet" href="/assets/dashboard.css"><link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<script src="/assets/dashboard.js" defer></script>
</head>
<body${page.live === undefined ? '' : html` data-live-api="${page.live.api}" data-live-mode="${page.live.mode}" data-live-version="${page.live.version}" data-live-interval="${page.live.intervalMs}"`}>
<header class="top">
  <a class="brand" href="/">Outpost</a>
  <nav>${NAV.map((item) => html`<a href="${item.href}"${item.section === page.section ? html` aria-current="page"` : ''}>${item.label}</a>`)}</nav>
  <span class="live-status" id="live-status">${page.live === undefined ? '' : 'updated'} <time id="generated-at" datetime="${new Date(page.generatedAtMs).toISOString()}">${timestamp(page.generatedAtMs)}</time></span>
  ${page.loggedIn === true ? html`<form method="post" action="/logout" class="logout"><button type="submit">Log out</button></form>` : ''}
</header>
<main id="main">
${page.body}
</main>
</body>
</html>
`;
}

/** A small status pill. */
export function pill(className: string, text: string): SafeHtml {
  return html`<span class="pill ${className}">${text}</span>`;
}
