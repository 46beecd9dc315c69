import { CLIENT_SCRIPT } from './client-script.js';
import { html, trusted, type SafeHtml } from '../html/index.js';
import type { PageFaults } from './page-faults.js';
import type { User } from './shop-state.js';

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1d2430;background:#f6f7f9}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;padding:.75rem 1.5rem;background:#1d2430;color:#fff}
header a{color:#fff}
.brand{font-weight:700;text-decoration:none;font-size:1.15rem}
form[role=search]{display:flex;gap:.4rem;flex:1;max-width:28rem}
form[role=search] input{flex:1}
nav{display:flex;gap:1rem;align-items:center;margin-left:auto}
nav form{display:inline}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
input,textarea,button{font:inherit;padding:.4rem .6rem;border:1px solid #b6bdc8;border-radius:4px}
button{background:#2d6cdf;color:#fff;border-color:#2d6cdf;cursor:pointer}
button.link{background:none;border:none;color:inherit;text-decoration:underline;padding:0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:1rem;padding:0;list-style:none}
.card{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:1rem}
.price{font-weight:600}
.status[data-state=error],.error{color:#b3261e}
.status[data-state=ok]{color:#1e7b34}
label{display:block;margin:.75rem 0 .25rem}
table{border-collapse:collapse;width:100%;background:#fff}
td,th{padding:.5rem;border-bottom:1px solid #dde1e7;text-align:left}
`;

export interface PageInput {
  title: string;
  user: User | undefined;
  cartCount: number;
  faults: PageFaults;
  /** Pre-filled search text. */
  query?: string;
  body: SafeHtml;
}

export function renderPage(page: PageInput): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · Outpost Demo Shop</title>
<style>${trusted(CSS)}</style>
<script>${trusted(CLIENT_SCRIPT)}</script>
</head>
<body>
${header(page)}
<main>
${page.body}
</main>
</body>
</html>
`.value;
}

function header({ user, cartCount, faults, query }: PageInput): SafeHtml {
  const f = faults;
  return html`<header>
<a class="brand" href="/" data-testid="home-link">Outpost Demo Shop</a>
<form role="search" action="${f.href(['search-form', 'search-input', 'search-submit'], '/search')}" method="get" data-testid="search-form">
<input type="search" name="q" value="${query ?? ''}" aria-label="Search products" placeholder="Search products" data-testid="search-input">
<button type="submit" data-testid="search-submit">Search</button>
</form>
<nav aria-label="Account">
<a href="${f.href('cart-link', '/cart')}" data-testid="cart-link">Cart (<span data-testid="cart-count">${cartCount}</span>)</a>
${user === undefined
  ? html`<a href="${f.href('login-link', '/login')}" data-testid="login-link">Log in</a>`
  : html`<span>Signed in as <strong data-testid="account-name">${user.name}</strong></span>
<form data-api-action="${f.apiAction('logout', '/api/logout')}" data-next="/"><button type="submit" class="link" data-testid="logout">Log out</button></form>`}
</nav>
</header>`;
}
