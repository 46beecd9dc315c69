/** Escaped-by-default HTML templates, shared by the demo shop and the dashboard. */
export { html, trusted, escapeHtml, SafeHtml } from './safe-html.js';
