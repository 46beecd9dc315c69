/** What the runner needs from the config layer's secret redactor. */
export interface Redactor {
  redact(text: string): string;
  redactDeep<T>(value: T): T;
}

/** Used when no secrets are declared. */
export const NO_REDACTION: Redactor = {
  redact: (text) => text,
  redactDeep: (value) => value,
};
