import { parseFaultRules, type FaultRule, type NormalizedFaultRule } from './fault-rules.js';

/** What the matching rules ask of one request. */
export interface FaultDecision {
  /** Sum of the matching rules' delays. */
  delayMs: number;
  /** The status to answer with instead of handling the request, when an error was drawn. */
  errorStatus?: number;
  /** data-testids to leave out of the page. */
  missing: Set<string>;
  /** data-testids to render broken. */
  broken: Set<string>;
}

/**
 * The active fault rules. Every rule that matches a request applies: delays add up, each
 * error rule draws on its own (the first error drawn wins), missing/broken elements collect.
 */
export class FaultSet {
  private rules: NormalizedFaultRule[] = [];
  private readonly random: () => number;

  /** With a seed, error draws repeat exactly for the same sequence of requests. */
  constructor(initial: FaultRule[] = [], seed?: number) {
    this.random = seed === undefined ? Math.random : mulberry32(seed);
    this.set(initial);
  }

  list(): NormalizedFaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Replaces every rule. Throws FaultRuleError (and changes nothing) on bad input. */
  set(rules: FaultRule[]): void {
    this.rules = parseFaultRules(rules);
  }

  add(rule: FaultRule): void {
    this.rules = [...this.rules, ...parseFaultRules([rule])];
  }

  clear(): void {
    this.rules = [];
  }

  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { delayMs: 0, missing: new Set(), broken: new Set() };
    for (const rule of this.rules) {
      if (!ruleMatches(rule, method, path)) continue;
      decision.delayMs += rule.delayMs ?? 0;
      if (rule.missing !== undefined) decision.missing.add(rule.missing);
      if (rule.broken !== undefined) decision.broken.add(rule.broken);
      if (rule.errorRate !== undefined && decision.errorStatus === undefined && this.draw(rule.errorRate)) {
        decision.errorStatus = rule.status ?? 503;
      }
    }
    return decision;
  }

  private draw(rate: number): boolean {
    // Rates 0 and 1 do not consume a draw, so adding them does not shift a seeded sequence.
    if (rate <= 0) return false;
    if (rate >= 1) return true;
    return this.random() < rate;
  }
}

export function ruleMatches(rule: Pick<NormalizedFaultRule, 'path' | 'method'>, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method !== method.toUpperCase()) return false;
  return pathMatches(rule.path, path);
}

/** Prefix match on whole segments, or a `*` glob over the whole path. */
export function pathMatches(pattern: string, path: string): boolean {
  if (pattern.includes('*')) {
    const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    return new RegExp(`^${source}$`).test(path);
  }
  if (pattern === '/' || path === pattern) return true;
  return path.startsWith(pattern.endsWith('/') ? pattern : `${pattern}/`);
}

/** A small, well-known seeded PRNG; uniform on [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
