import { html, type SafeHtml } from '../../../html/index.js';

/** The token form. Standalone (no nav): nothing else is readable before logging in. */
export function loginPage(options: { next: string; failed?: boolean }): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Log in · Outpost</title><link rel="stylesheet" href="/assets/dashboard.css"><link rel="icon" href="/assets/favicon.svg" type="image/svg+xml"></head>
<body class="login">
<main>
<h1>Outpost</h1>
<form method="post" action="/login">
<label for="token">Dashboard token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<input type="hidden" name="next" value="${options.next}">
${options.failed === true ? html`<p class="error" role="alert">That token is not right.</p>` : ''}
<button type="submit">Log in</button>
</form>
<p class="sub">The token is the one <code>outpost ui</code> or <code>outpost serve</code> was started with (<code>--token</code> or <code>OUTPOST_UI_TOKEN</code>).</p>
</main>
</body>
</html>
`;
}
