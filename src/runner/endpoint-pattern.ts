/**
 * Collapses the ids in a URL path so that requests to the same endpoint group together:
 * `/api/orders/8f14e45f-ceea-467f-a0e6-0d9f3b2a1c55/items/42` → `/api/orders/:id/items/:id`.
 * A segment counts as an id when it is a number, a UUID, a hex string of 8+ characters with a digit, or a long token that
 * mixes letters and digits. Readable slugs (`brass-desk-lamp`) are kept: they cannot be told
 * apart from fixed path words.
 */
export function endpointPattern(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => (isId(safeDecode(segment)) ? ':id' : segment))
    .join('/');
}

const NUMBER = /^\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^(?=.*\d)[0-9a-f]{8,}$/i;
const TOKEN = /^(?=.*\d)(?=.*[a-z])[\w-]{16,}$/i;

function isId(segment: string): boolean {
  return NUMBER.test(segment) || UUID.test(segment) || HEX.test(segment) || TOKEN.test(segment);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
