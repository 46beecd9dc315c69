/**
 * Reads query parameters, collecting every problem instead of stopping at the first, so one
 * 400 answer lists them all.
 */
export class QueryParams {
  readonly issues: string[] = [];

  constructor(private readonly get: (name: string) => string | undefined) {}

  /** A whole number in [min, max]; the default when absent. */
  int(name: string, options: { default: number; min: number; max: number }): number {
    const raw = this.get(name);
    if (raw === undefined || raw === '') return options.default;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < options.min || value > options.max) {
      this.issues.push(`${name}: expected a whole number from ${options.min} to ${options.max}, got ${JSON.stringify(raw)}`);
      return options.default;
    }
    return value;
  }

  /** One of `values`, or undefined when absent. */
  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const raw = this.get(name);
    if (raw === undefined || raw === '') return undefined;
    const found = values.find((value) => value === raw);
    if (found === undefined) this.issues.push(`${name}: expected one of ${values.join(', ')}, got ${JSON.stringify(raw)}`);
    return found;
  }

  /** Free text (a journey, location or session name), or undefined when absent or empty. */
  text(name: string): string | undefined {
    const raw = this.get(name);
    return raw === undefined || raw === '' ? undefined : raw;
  }
}

/** Page size defaults: 50 per page, at most 500. */
export const PAGE = { default: 50, max: 500 } as const;

export function pageOf(params: QueryParams): { limit: number; offset: number } {
  return {
    limit: params.int('limit', { default: PAGE.default, min: 1, max: PAGE.max }),
    offset: params.int('offset', { default: 0, min: 0, max: 10_000_000 }),
  };
}
