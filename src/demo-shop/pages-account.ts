import { Hono } from 'hono';
import type { ShopDeps, ShopEnv } from './app-env.js';
import { formatPrice } from './catalog.js';
import { html, type SafeHtml } from '../html/index.js';
import type { PageFaults } from './page-faults.js';
import { pageResponse, safeLocalPath } from './page-response.js';
import { currentSession } from './session-cookie.js';
import { DEFAULT_ADDRESS, type CartView } from './shop-state.js';

/** Login, cart, checkout and order confirmation pages. */
export function accountPages(deps: ShopDeps): Hono<ShopEnv> {
  const app = new Hono<ShopEnv>();

  app.get('/login', (c) => {
    const f = c.get('faults');
    const next = safeLocalPath(c.req.query('next'));
    return pageResponse(c, deps, {
      title: 'Log in',
      body: html`<h1>Log in</h1>
<form data-testid="login-form" data-api-action="${f.apiAction(['login-form', 'login-submit'], '/api/login')}" data-status="login-status" data-next="${next}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required data-testid="login-email">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required data-testid="login-password">
<p><button type="submit" data-testid="login-submit">Log in</button></p>
</form>
<p class="status" role="status" aria-live="polite" data-testid="login-status"></p>`,
    });
  });

  app.get('/cart', (c) => {
    const cart = deps.state.cart(currentSession(c, deps.state));
    return pageResponse(c, deps, { title: 'Cart', body: cartBody(cart, c.get('faults')) });
  });

  app.get('/checkout', (c) => {
    const session = currentSession(c, deps.state);
    if (session?.user === undefined) return c.redirect('/login?next=%2Fcheckout', 303);
    const cart = deps.state.cart(session);
    return pageResponse(c, deps, { title: 'Checkout', body: checkoutBody(cart, c.get('faults')) });
  });

  app.get('/order/:id', (c) => {
    const order = deps.state.order(c.req.param('id'), currentSession(c, deps.state)?.user);
    if (order === undefined) {
      return pageResponse(c, deps, {
        title: 'Order not found',
        status: 404,
        body: html`<h1 data-testid="not-found">Order not found</h1><p>Log in with the account that placed it.</p>`,
      });
    }
    const f = c.get('faults');
    return pageResponse(c, deps, {
      title: `Order ${order.id}`,
      body: html`<h1 data-testid="order-confirmation">Thank you for your order!</h1>
<p>Order number <strong data-testid="order-id">${order.id}</strong></p>
<p>Shipping to <span data-testid="order-address">${order.address}</span></p>
${linesTable(order)}`,
    });
  });

  return app;
}

function cartBody(cart: CartView, f: PageFaults): SafeHtml {
  if (cart.items.length === 0) {
    return html`<h1>Your cart</h1><p data-testid="cart-empty">Your cart is empty. <a href="/">Keep shopping</a></p>`;
  }
  return html`<h1>Your cart</h1>
<ul class="cards" data-testid="cart-items">
${cart.items.map((line) => html`<li class="card" data-testid="cart-item" data-product-id="${line.productId}">
<a href="/product/${encodeURIComponent(line.productId)}" data-testid="cart-item-name">${line.name}</a>
<div>Quantity <span data-testid="cart-item-quantity">${line.quantity}</span> · <span class="price">${formatPrice(line.lineTotal)}</span></div>
<form data-api-action="${f.apiAction('remove-item', `/api/cart/items/${encodeURIComponent(line.productId)}`)}" data-api-method="DELETE" data-status="cart-status" data-reload>
<button type="submit" data-testid="remove-item" aria-label="Remove ${line.name}">Remove</button>
</form>
</li>`)}
</ul>
<p class="price" data-testid="cart-total">Total: ${formatPrice(cart.total)}</p>
<p class="status" role="status" aria-live="polite" data-testid="cart-status"></p>
<p><a href="${f.href('checkout-link', '/checkout')}" data-testid="checkout-link">Proceed to checkout</a></p>`;
}

function checkoutBody(cart: CartView, f: PageFaults): SafeHtml {
  if (cart.items.length === 0) {
    return html`<h1>Checkout</h1><p data-testid="checkout-empty">Your cart is empty. <a href="/">Keep shopping</a></p>`;
  }
  return html`<h1>Checkout</h1>
<section data-testid="checkout-summary" aria-label="Order summary">${linesTable(cart)}</section>
<form data-testid="checkout-form" data-api-action="${f.apiAction(['checkout-form', 'place-order'], '/api/checkout')}" data-status="checkout-status" data-next="/order/{id}">
<label for="address">Shipping address</label>
<textarea id="address" name="address" rows="2" cols="40" required data-testid="shipping-address">${DEFAULT_ADDRESS}</textarea>
<p><button type="submit" data-testid="place-order">Place order</button></p>
</form>
<p class="status" role="status" aria-live="polite" data-testid="checkout-status"></p>`;
}

function linesTable(cart: CartView): SafeHtml {
  return html`<table data-testid="order-lines">
<thead><tr><th>Product</th><th>Quantity</th><th>Price</th></tr></thead>
<tbody>
${cart.items.map((line) => html`<tr><td>${line.name}</td><td>${line.quantity}</td><td>${formatPrice(line.lineTotal)}</td></tr>`)}
</tbody>
<tfoot><tr><th colspan="2">Total</th><th data-testid="order-total">${formatPrice(cart.total)}</th></tr></tfoot>
</table>`;
}
