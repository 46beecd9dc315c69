/**
 * Replaces secret values with `[redacted:<NAME>]` in text and in data about to leave the
 * process (step logs, errors, result JSON, traces' metadata).
 *
 * Each value is also matched in the forms it takes on the wire: URL-encoded (a password typed
 * into a form lands in a request body or query string) and JSON-escaped (inside a JSON body).
 * Values shorter than 4 characters are redacted too: that can mangle unrelated text that
 * happens to contain them, but leaking a short PIN is worse than an odd-looking log line.
 *
 * @example
 * const redactor = new Redactor({ SHOP_PASSWORD: 'hunter2!' });
 * redactor.redact('password=hunter2%21'); // 'password=[redacted:SHOP_PASSWORD]'
 */
export class Redactor {
  readonly #pattern: RegExp | undefined;
  readonly #nameByForm = new Map<string, string>();

  constructor(secrets: Readonly<Record<string, string>>) {
    for (const [name, value] of Object.entries(secrets)) {
      for (const form of wireForms(value)) if (!this.#nameByForm.has(form)) this.#nameByForm.set(form, name);
    }
    // Longest first: a regex alternation takes the first alternative that matches, so a secret
    // that contains another is replaced whole, not in pieces.
    const forms = [...this.#nameByForm.keys()].sort((a, b) => b.length - a.length);
    this.#pattern = forms.length === 0 ? undefined : new RegExp(forms.map(escapeRegExp).join('|'), 'g');
  }

  /** The text with every secret value replaced. */
  redact(text: string): string {
    if (this.#pattern === undefined) return text;
    // One pass, so a replacement is never itself searched for secrets.
    return text.replace(this.#pattern, (form) => `[redacted:${this.#nameByForm.get(form)}]`);
  }

  /** A copy of `value` with every string inside it (in plain objects and arrays) redacted. */
  redactDeep<T>(value: T): T {
    return this.#redactValue(value, new WeakMap()) as T;
  }

  #redactValue(value: unknown, seen: WeakMap<object, unknown>): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (typeof value !== 'object' || value === null) return value;
    // Shared and circular references map to the same copy instead of recursing forever.
    if (seen.has(value)) return seen.get(value);
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      seen.set(value, copy);
      for (const item of value) copy.push(this.#redactValue(item, seen));
      return copy;
    }
    // Class instances (Date, Buffer, …) keep their identity; results are plain data by design.
    if (!isPlainObject(value)) return value;
    const copy: Record<string, unknown> = {};
    seen.set(value, copy);
    for (const [key, item] of Object.entries(value)) copy[key] = this.#redactValue(item, seen);
    return copy;
  }
}

/** The value as typed, URL-encoded both ways, and JSON-escaped. */
function wireForms(value: string): string[] {
  if (value === '') return [];
  const forms = [
    value,
    encodeURIComponent(value),
    // Form bodies encode spaces as `+` and escape a few more characters than encodeURIComponent.
    new URLSearchParams({ v: value }).toString().slice('v='.length),
    JSON.stringify(value).slice(1, -1),
  ];
  return [...new Set(forms)];
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
