import * as z from 'zod';

/**
 * A strict object: unknown keys are reported (a typo such as `defualtTarget` must not be
 * silently ignored), and the report lists the keys that were expected.
 */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown key; expected one of: ${known}` : undefined),
  });
}
