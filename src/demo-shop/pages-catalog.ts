import { Hono } from 'hono';
import type { ShopDeps, ShopEnv } from './app-env.js';
import { featuredProducts, findProduct, formatPrice, recommendationsFor, searchProducts, type Product } from './catalog.js';
import { html, type SafeHtml } from '../html/index.js';
import type { PageFaults } from './page-faults.js';
import { pageResponse } from './page-response.js';

/** Home, search results and product pages. */
export function catalogPages(deps: ShopDeps): Hono<ShopEnv> {
  const app = new Hono<ShopEnv>();

  app.get('/', (c) => {
    const f = c.get('faults');
    return pageResponse(c, deps, {
      title: 'Home',
      body: html`<h1>Things for a calm desk and home</h1>
<p>Search the catalog above, or start with a few favourites.</p>
<section data-testid="featured" aria-labelledby="featured-heading">
<h2 id="featured-heading">Featured</h2>
${f.isBroken('featured') ? brokenBlock('featured') : productCards(featuredProducts(), f)}
</section>`,
    });
  });

  app.get('/search', (c) => {
    const f = c.get('faults');
    const query = c.req.query('q')?.trim() ?? '';
    const results = searchProducts(query);
    return pageResponse(c, deps, {
      title: query === '' ? 'Search' : `Search: ${query}`,
      query,
      body: html`<h1>Search results</h1>
${query === ''
  ? html`<p data-testid="no-results">Type something to search for.</p>`
  : results.length === 0
    ? html`<p data-testid="no-results">No products match “${query}”.</p>`
    : html`<p data-testid="result-count">${results.length} ${results.length === 1 ? 'product matches' : 'products match'} “${query}”.</p>
<ul class="cards" data-testid="search-results">
${results.map((p) => html`<li class="card" data-testid="result">
<a href="${f.href('result-link', `/product/${encodeURIComponent(p.id)}`)}" data-testid="result-link">${p.name}</a>
<div class="price" data-testid="result-price">${formatPrice(p.price)}</div>
</li>`)}
</ul>`}`,
    });
  });

  app.get('/product/:id', (c) => {
    const product = findProduct(c.req.param('id'));
    if (product === undefined) {
      return pageResponse(c, deps, {
        title: 'Not found',
        status: 404,
        body: html`<h1 data-testid="not-found">Product not found</h1><p><a href="/">Back to the shop</a></p>`,
      });
    }
    return pageResponse(c, deps, { title: product.name, body: productBody(product, c.get('faults')) });
  });

  return app;
}

function productBody(p: Product, f: PageFaults): SafeHtml {
  return html`<article data-testid="product" data-product-id="${p.id}">
<h1 data-testid="product-name">${p.name}</h1>
<p class="price" data-testid="product-price">${f.isBroken('product-price') ? 'Price unavailable' : formatPrice(p.price)}</p>
<p data-testid="product-description">${p.description}</p>
<form data-api-action="${f.apiAction('add-to-cart', '/api/cart/items')}" data-status="cart-status" data-success="Added to cart">
<input type="hidden" name="productId" value="${p.id}">
<input type="hidden" name="quantity" value="1">
<button type="submit" data-testid="add-to-cart">Add to cart</button>
</form>
<p class="status" role="status" aria-live="polite" data-testid="cart-status"></p>
</article>
<section data-testid="recommendations" aria-labelledby="recommendations-heading">
<h2 id="recommendations-heading">You may also like</h2>
${f.isBroken('recommendations') ? brokenBlock('recommendations') : productCards(recommendationsFor(p.id), f)}
</section>`;
}

function productCards(products: Product[], f: PageFaults): SafeHtml {
  return html`<ul class="cards">
${products.map((p) => html`<li class="card" data-testid="product-card">
<a href="${f.href('product-card', `/product/${encodeURIComponent(p.id)}`)}">${p.name}</a>
<div class="price">${formatPrice(p.price)}</div>
</li>`)}
</ul>`;
}

/** What a section shows when a fault breaks it: present, but without its content. */
function brokenBlock(testId: string): SafeHtml {
  return html`<p class="error" data-testid="${testId}-error">This section could not be loaded.</p>`;
}
