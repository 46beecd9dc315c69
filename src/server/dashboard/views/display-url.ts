/**
 * A URL as the dashboard shows it: without user info (`https://user:password@host` would put a
 * password on screen). Text that is not a URL is returned unchanged.
 */
export function displayUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.username === '' && parsed.password === '') return url;
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}

/**
 * The URL when it is safe in an `href`: http(s) only, so a stored `javascript:` URL never becomes
 * a link; undefined otherwise.
 */
export function linkableUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? displayUrl(url) : undefined;
  } catch {
    return undefined;
  }
}
