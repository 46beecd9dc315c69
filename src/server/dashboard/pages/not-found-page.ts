import { html, type SafeHtml } from '../../../html/index.js';

/** The body of a 404 page; the text never echoes the requested path. */
export function notFoundBody(what: string): SafeHtml {
  return html`<h1>Not found</h1><p>${what}</p><p><a href="/">Back to the SLO board</a></p>`;
}
