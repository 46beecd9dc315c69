import type { APIRequestContext, BrowserContext, Request } from 'playwright';
import type { EndpointUse } from '../journey/index.js';
import { endpointPattern } from './endpoint-pattern.js';
import type { NetworkEvent, StepTrace } from './run-observer.js';

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
  private readonly propagated = new WeakSet<Request>();
  private readonly pending = new Set<Promise<void>>();
  private readonly uses = new Map<string, EndpointUse>();
  private readonly firstParty: RegExp;

  constructor(private readonly options: NetworkCaptureOptions) {
    this.firstParty = originMatcher(options.firstPartyOrigins);
  }

  /** Requests from now on belong to this step (until the next one starts). */
  enterStep(index: number, trace: StepTrace): void {
    this.step = { index, trace };
  }

  async attach(context: BrowserContext): Promise<void> {
    if (this.options.propagate) await context.route(this.firstParty, (route) => this.continueWithContext(route));
    context.on('request', (request) => {
      if (this.step !== undefined && TRACKED_TYPES.has(request.resourceType())) this.stepOfRequest.set(request, this.step);
    });
    context.on('requestfinished', (request) => this.track(this.reportBrowserRequest(request, undefined)));
    context.on('requestfailed', (request) => this.track(this.reportBrowserRequest(request, request.failure()?.errorText ?? 'failed')));
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

  private async continueWithContext(route: import('playwright').Route): Promise<void> {
    const request = route.request();
    const headers = this.step?.trace.propagationHeaders() ?? {};
    if (Object.keys(headers).length > 0) this.propagated.add(request);
    await route.fallback({ headers: { ...request.headers(), ...headers } }).catch(() => undefined);
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
      propagated: this.propagated.has(request),
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
