import type { BrowserContext, CDPSession, Page } from 'playwright';

/** The requests that carry trace context: a journey's conversation with its backends, as network spans count it. */
const RESOURCE_TYPES = ['Document', 'XHR', 'Fetch'] as const;

/** A `Fetch.RequestPattern` of the DevTools protocol. */
interface RequestPattern {
  urlPattern: string;
  resourceType: (typeof RESOURCE_TYPES)[number];
  requestStage: 'Request';
}

/** The part of a `Fetch.requestPaused` event this needs. */
interface PausedRequest {
  requestId: string;
  request: { url: string; method: string; headers: Record<string, string> };
}

export interface TraceContextInjectorOptions {
  /** First-party origins (`https://shop.example.com`); no other origin is ever paused or changed. */
  origins: readonly string[];
  /** The headers to add now (the current step's `traceparent` and `tracestate`); empty adds none. */
  headers: () => Record<string, string>;
}

/**
 * Adds trace context to a page's first-party document, XHR and fetch requests through Chromium's
 * Fetch domain, on a CDP session of its own (Outpost always runs Chromium).
 *
 * Playwright's `context.route()` would do it too, but routing pauses every request of the
 * context (third parties and static assets too), hands each to the client and back, and turns the
 * HTTP cache off. Here Chromium pauses only the requests the patterns name (first-party origins,
 * those three types) and the cache stays on. Pages are watched as they open; a popup's very first
 * request can go out before its session is ready and then carries no header.
 */
export class TraceContextInjector {
  private readonly pages = new WeakMap<Page, Promise<void>>();
  /** Requests given headers, by method and URL, until their finished request claims them. */
  private readonly injected = new Map<string, number>();
  private readonly patterns: RequestPattern[];

  constructor(private readonly options: TraceContextInjectorOptions) {
    this.patterns = options.origins.flatMap((origin) =>
      RESOURCE_TYPES.map((resourceType): RequestPattern => ({ urlPattern: `${wildcardEscape(new URL(origin).origin)}/*`, resourceType, requestStage: 'Request' })),
    );
  }

  /** Starts injecting into the page; resolves once its requests are covered (the same promise for each call). */
  watch(context: BrowserContext, page: Page): Promise<void> {
    let ready = this.pages.get(page);
    if (ready === undefined) {
      // A page that closed or a session that failed: that page's requests just go without headers.
      ready = this.intercept(context, page).catch(() => undefined);
      this.pages.set(page, ready);
    }
    return ready;
  }

  /** Whether a finished request was one this injected into; each injection answers true once. */
  claim(method: string, url: string): boolean {
    const key = requestKey(method, url);
    const count = this.injected.get(key) ?? 0;
    if (count === 0) return false;
    if (count === 1) this.injected.delete(key);
    else this.injected.set(key, count - 1);
    return true;
  }

  private async intercept(context: BrowserContext, page: Page): Promise<void> {
    if (this.patterns.length === 0) return;
    const session = await context.newCDPSession(page);
    session.on('Fetch.requestPaused', (event) => this.continueWithHeaders(session, event));
    await session.send('Fetch.enable', { patterns: this.patterns });
  }

  private continueWithHeaders(session: CDPSession, event: PausedRequest): void {
    const added = Object.entries(this.options.headers());
    if (added.length === 0) {
      void session.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => undefined);
      return;
    }
    const replaced = new Set(added.map(([name]) => name.toLowerCase()));
    const kept = Object.entries(event.request.headers).filter(([name]) => !replaced.has(name.toLowerCase()));
    const headers = [...kept, ...added].map(([name, value]) => ({ name, value }));
    const key = requestKey(event.request.method, event.request.url);
    this.injected.set(key, (this.injected.get(key) ?? 0) + 1);
    // The page may close under a paused request; nothing is left to continue then.
    void session.send('Fetch.continueRequest', { requestId: event.requestId, headers }).catch(() => undefined);
  }
}

function requestKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url.split('#')[0]}`;
}

/** CDP URL patterns treat `*` and `?` as wildcards and `\` as the escape. */
function wildcardEscape(text: string): string {
  return text.replace(/[\\*?]/g, '\\$&');
}
