import type { APIRequestContext, BrowserContext, Page, Request } from 'playwright';
import type { EndpointUse } from '../journey/index.js';
import { endpointPattern } from './endpoint-pattern.js';
import type { NetworkEvent, StepTrace } from './run-observer.js';
import { TraceContextInjector } from './trace-context-injector.js';

/** Resource types that are part of a journey's conversation with its backends (not static assets). */
const TRACKED_TYPES = new Set(['document', 'xhr', 'fetch']);
const API_METHODS = new Set(['fetch', 'get', 'post', 'put', 'patch', 'delete', 'head']);
/** How long the end of a run waits for request events still being processed. */
const SETTLE_LIMIT_MS = 2_000;

export interface NetworkCaptureOptions {
  /** Origins (`https://shop.example.com`) whose requests carry trace context headers. */
  firstPartyOrigins: readonly string[];
  /** Inject `traceparent`/`tracestate` into first-party requests. */
  propagate: boolean;
  /** Secrets can sit in URLs (query strings); events leave the runner redacted. */
  redact: (text: string) => string;
}

interface ActiveStep {
  index: number;
  trace: StepTrace;
}

/**
 * Watches the requests of one run: reports each to the current step's trace, injects trace
 * context into first-party requests, and tallies the endpoints the run exercised (coverage).
 */
export class NetworkCapture {
  private step: ActiveStep | undefined;
  private readonly stepOfRequest = new WeakMap<Request, ActiveStep>();
  private readonly injector: TraceContextInjector | undefined;
  private readonly pending = new Set<Promise<void>>();
  private readonly uses = new Map<string, EndpointUse>();
  private readonly firstParty: RegExp;

  constructor(private readonly options: NetworkCaptureOptions) {
    this.firstParty = originMatcher(options.firstPartyOrigins);
    if (options.propagate) this.injector = new TraceContextInjector({ origins: options.firstPartyOrigins, headers: () => this.step?.trace.propagationHeaders() ?? {} });
  }

  /** Requests from now on belong to this step (until the next one starts). */
  enterStep(index: number, trace: StepTrace): void {
    this.step = { index, trace };
  }

  attach(context: BrowserContext): void {
    const injector = this.injector;
    if (injector !== undefined) context.on('page', (page) => void injector.watch(context, page));
    context.on('request', (request) => {
      if (this.step !== undefined && TRACKED_TYPES.has(request.resourceType())) this.stepOfRequest.set(request, this.step);
    });
    context.on('requestfinished', (request) => this.track(this.reportBrowserRequest(request, undefined)));
    context.on('requestfailed', (request) => this.track(this.reportBrowserRequest(request, request.failure()?.errorText ?? 'failed')));
  }

  /** Resolves once a page the run opened is covered by trace context injection (before its first request). */
  async pageOpened(context: BrowserContext, page: Page): Promise<void> {
    await this.injector?.watch(context, page);
  }

  /** The context as steps see it: a page it opens is covered by trace context injection before `newPage()` returns. */
  wrapContext(context: BrowserContext): BrowserContext {
    if (this.injector === undefined) return context;
    return new Proxy(context, {
      get: (target, property) => {
        if (property === 'newPage') return (...args: Parameters<BrowserContext['newPage']>) => this.openPage(target, args);
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /** The API client, with trace context injected and every call reported. */
  wrap(api: APIRequestContext, baseURL: string): APIRequestContext {
    return new Proxy(api, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        if (typeof property !== 'string' || !API_METHODS.has(property)) return value.bind(target);
        return (urlOrRequest: string | Request, options: Record<string, unknown> = {}) =>
          this.apiCall(target, property, urlOrRequest, options, baseURL);
      },
    });
  }

  /** Waits (bounded) for request events still being processed. */
  async settle(): Promise<void> {
    if (this.pending.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, SETTLE_LIMIT_MS)));
    await Promise.race([Promise.allSettled([...this.pending]), limit]);
    clearTimeout(timer);
  }

  endpoints(): EndpointUse[] {
    return [...this.uses.values()].sort((a, b) => a.step - b.step || a.host.localeCompare(b.host) || a.path.localeCompare(b.path));
  }

  private async openPage(context: BrowserContext, args: Parameters<BrowserContext['newPage']>): Promise<Page> {
    const page = await context.newPage(...args);
    await this.pageOpened(context, page);
    return page;
  }

  private async reportBrowserRequest(request: Request, failure: string | undefined): Promise<void> {
    const step = this.stepOfRequest.get(request);
    if (step === undefined) return;
    const response = failure === undefined ? await request.response().catch(() => null) : null;
    const timing = request.timing();
    const end = timing.responseEnd >= 0 ? timing.startTime + timing.responseEnd : Date.now();
    this.record(step, {
      method: request.method(),
      url: request.url(),
      resourceType: request.resourceType(),
      startTime: timing.startTime,
      endTime: Math.max(end, timing.startTime),
      status: response?.status(),
      failure,
      propagated: this.injector?.claim(request.method(), request.url()) ?? false,
    });
  }

  private async apiCall(api: APIRequestContext, method: string, urlOrRequest: string | Request, options: Record<string, unknown>, baseURL: string) {
    const step = this.step;
    const url = new URL(typeof urlOrRequest === 'string' ? urlOrRequest : urlOrRequest.url(), baseURL).href;
    const headers = this.options.propagate && step !== undefined && this.firstParty.test(url) ? step.trace.propagationHeaders() : {};
    const propagated = Object.keys(headers).length > 0;
    const httpMethod = method === 'fetch' ? String(options.method ?? (typeof urlOrRequest === 'string' ? 'GET' : urlOrRequest.method())) : method;
    const call = (api as unknown as Record<string, (u: unknown, o: unknown) => Promise<import('playwright').APIResponse>>)[method]!;
    const startTime = Date.now();
    const event = { method: httpMethod.toUpperCase(), url, resourceType: 'api', startTime, propagated };
    try {
      const response = await call.call(api, urlOrRequest, { ...options, headers: { ...(options.headers as Record<string, string> | undefined), ...headers } });
      if (step !== undefined) this.record(step, { ...event, endTime: Date.now(), status: response.status() });
      return response;
    } catch (error) {
      if (step !== undefined) this.record(step, { ...event, endTime: Date.now(), failure: (error as Error).message.split('\n')[0] });
      throw error;
    }
  }

  private record(step: ActiveStep, raw: NetworkEvent): void {
    const event = { ...raw, url: this.options.redact(raw.url) };
    try {
      step.trace.request(event);
    } catch {
      // An observer must not throw; if one does, the journey still goes on.
    }
    this.tally(step.index, event);
  }

  private tally(stepIndex: number, event: NetworkEvent): void {
    const url = new URL(event.url);
    const path = endpointPattern(url.pathname);
    const status = event.status ?? 0;
    const key = `${stepIndex} ${event.method} ${url.host} ${path} ${status}`;
    const use = this.uses.get(key) ?? { step: stepIndex, method: event.method, host: url.host, path, status, count: 0, totalMs: 0 };
    use.count++;
    use.totalMs += Math.max(0, Math.round(event.endTime - event.startTime));
    this.uses.set(key, use);
  }

  private track(work: Promise<void>): void {
    const settled = work.catch(() => undefined).finally(() => this.pending.delete(settled));
    this.pending.add(settled);
  }
}

function originMatcher(origins: readonly string[]): RegExp {
  const escaped = origins.map((origin) => new URL(origin).origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return escaped.length === 0 ? /$^/ : new RegExp(`^(${escaped.join('|')})(/|$|\\?|#)`);
}
