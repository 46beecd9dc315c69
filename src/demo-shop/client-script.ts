/**
 * The one inline script every page loads in <head>. It makes the interactive parts (log in,
 * add to cart, remove, place order, log out) real fetch calls to the JSON API, which Outpost
 * traces. It listens on `document`, so it works for elements parsed after it and there is no
 * window in which a fast click could submit a form before the script is ready.
 *
 * A form opts in with `data-api-action` (URL) and may set:
 * - `data-api-method`: HTTP method, POST by default; DELETE sends no body.
 * - `data-status`: data-testid of the element that shows progress and errors.
 * - `data-success`: message shown on success when the page stays.
 * - `data-next`: where to go on success; `{key}` is replaced by that field of the JSON answer.
 * - `data-reload`: reload the page on success.
 * A JSON answer with a numeric `count` updates the cart badge.
 */
export const CLIENT_SCRIPT = String.raw`
(() => {
  const byTestId = (id) => (id ? document.querySelector('[data-testid=' + JSON.stringify(id) + ']') : null);
  const show = (el, text, state) => {
    if (!el) return;
    el.textContent = text;
    el.dataset.state = state;
  };
  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.apiAction) return;
    event.preventDefault();
    const status = byTestId(form.dataset.status);
    const method = (form.dataset.apiMethod || 'POST').toUpperCase();
    const body = method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(Object.fromEntries(new FormData(form)));
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    show(status, 'Working…', 'pending');
    try {
      const response = await fetch(form.dataset.apiAction, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body,
      });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) {
        show(status, (data && data.error) || 'Request failed (' + response.status + ')', 'error');
        return;
      }
      const badge = byTestId('cart-count');
      if (badge && typeof data.count === 'number') badge.textContent = String(data.count);
      if (form.dataset.next) {
        window.location.assign(form.dataset.next.replace(/\{(\w+)\}/g, (_, key) => encodeURIComponent(String(data[key] ?? ''))));
        return;
      }
      if (form.dataset.reload !== undefined) {
        window.location.reload();
        return;
      }
      show(status, form.dataset.success || 'Done', 'ok');
    } catch (error) {
      show(status, 'Network error: ' + (error && error.message ? error.message : String(error)), 'error');
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  });
})();
`;
