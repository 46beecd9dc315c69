import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { findProduct } from './catalog.js';

/** The one account the demo shop knows. */
export const DEMO_ACCOUNT = Object.freeze({ email: 'shopper@example.com', name: 'Demo Shopper' });
export const DEFAULT_PASSWORD = 'demo-password';
/** Pre-filled at checkout, so a journey only has to press the button. */
export const DEFAULT_ADDRESS = '1 Demo Street, Testville';

export interface User {
  email: string;
  name: string;
}

export interface CartLine {
  productId: string;
  name: string;
  price: number;
  quantity: number;
  lineTotal: number;
}

export interface CartView {
  items: CartLine[];
  /** Number of units in the cart. */
  count: number;
  total: number;
}

export interface Order extends CartView {
  id: string;
  email: string;
  address: string;
  /** ISO-8601. */
  createdAt: string;
}

interface Session {
  id: string;
  user?: User;
  /** productId → quantity, in the order items were added. */
  cart: Map<string, number>;
}

/**
 * Sessions, carts and orders, all in memory. Both are bounded (oldest dropped first) so a
 * benchmark that hammers the shop with fresh sessions cannot grow it without limit.
 */
export class ShopState {
  private readonly sessions = new Map<string, Session>();
  private readonly orders = new Map<string, Order>();

  constructor(
    private readonly password: string,
    private readonly maxSessions = 10_000,
    private readonly maxOrders = 10_000,
  ) {}

  session(id: string | undefined): Session | undefined {
    return id === undefined ? undefined : this.sessions.get(id);
  }

  createSession(): Session {
    const session: Session = { id: randomUUID(), cart: new Map() };
    this.sessions.set(session.id, session);
    evictOldest(this.sessions, this.maxSessions);
    return session;
  }

  /** True when the email and password belong to the demo account. */
  checkCredentials(email: string, password: string): boolean {
    const expected = Buffer.from(this.password);
    const given = Buffer.from(password);
    const passwordOk = expected.length === given.length && timingSafeEqual(expected, given);
    return passwordOk && email.trim().toLowerCase() === DEMO_ACCOUNT.email;
  }

  logIn(session: Session): User {
    session.user = { ...DEMO_ACCOUNT };
    return session.user;
  }

  logOut(session: Session | undefined): void {
    if (session !== undefined) delete session.user;
  }

  cart(session: Session | undefined): CartView {
    const items: CartLine[] = [];
    for (const [productId, quantity] of session?.cart ?? []) {
      const product = findProduct(productId);
      if (product === undefined) continue;
      items.push({ productId, name: product.name, price: product.price, quantity, lineTotal: cents(product.price * quantity) });
    }
    return {
      items,
      count: items.reduce((n, line) => n + line.quantity, 0),
      total: cents(items.reduce((sum, line) => sum + line.lineTotal, 0)),
    };
  }

  addToCart(session: Session, productId: string, quantity: number): void {
    session.cart.set(productId, (session.cart.get(productId) ?? 0) + quantity);
  }

  removeFromCart(session: Session | undefined, productId: string): boolean {
    return session?.cart.delete(productId) ?? false;
  }

  /** Turns the session's cart into an order and empties the cart. */
  placeOrder(session: Session, user: User, address: string): Order {
    const order: Order = {
      id: randomBytes(4).toString('hex').toUpperCase(),
      email: user.email,
      address,
      createdAt: new Date().toISOString(),
      ...this.cart(session),
    };
    this.orders.set(order.id, order);
    evictOldest(this.orders, this.maxOrders);
    session.cart.clear();
    return order;
  }

  /** The order, only for the account that placed it. */
  order(id: string, user: User | undefined): Order | undefined {
    const order = this.orders.get(id);
    return order !== undefined && user !== undefined && order.email === user.email ? order : undefined;
  }
}

/** Rounds to whole cents, so sums of prices print exactly. */
function cents(dollars: number): number {
  return Math.round(dollars * 100) / 100;
}

function evictOldest<V>(map: Map<string, V>, max: number): void {
  while (map.size > max) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) return;
    map.delete(oldest);
  }
}
