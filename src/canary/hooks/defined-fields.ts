/** The object without its undefined fields, so JSON bodies carry no `"x": undefined` noise and types stay exact. */
export function definedFields<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
