import { isIP } from 'node:net';

/**
 * Who may read the dashboard:
 * - `open`: anyone who can connect, which on a loopback address is this machine only;
 * - `token`: requests must carry the token (bearer header or the login cookie);
 * - `insecure`: anyone on the network, because `--insecure-no-auth` said so.
 */
export type AccessPolicy = { kind: 'open' } | { kind: 'token'; token: string } | { kind: 'insecure' };

export interface AccessInputs {
  host: string;
  token: string | undefined;
  insecureNoAuth: boolean;
}

/** Long enough that guessing it over HTTP is hopeless. */
export const MIN_TOKEN_LENGTH = 16;

/** The access policy for a bind address, or why the combination is refused (a usage error). */
export function accessPolicy(inputs: AccessInputs): { ok: true; policy: AccessPolicy } | { ok: false; message: string } {
  const token = inputs.token?.trim();
  if (token !== undefined && token !== '') {
    if (token.length < MIN_TOKEN_LENGTH) return { ok: false, message: `the dashboard token must be at least ${MIN_TOKEN_LENGTH} characters long (e.g. \`openssl rand -hex 24\`)` };
    if (inputs.insecureNoAuth) return { ok: false, message: 'give a token or --insecure-no-auth, not both' };
    return { ok: true, policy: { kind: 'token', token } };
  }
  if (isLoopbackHost(inputs.host)) return { ok: true, policy: { kind: 'open' } };
  if (inputs.insecureNoAuth) return { ok: true, policy: { kind: 'insecure' } };
  return {
    ok: false,
    message:
      `refusing to serve the dashboard on ${inputs.host} without authentication: anyone who can reach that interface could read it. ` +
      'Set a token with --token or OUTPOST_UI_TOKEN (e.g. `export OUTPOST_UI_TOKEN=$(openssl rand -hex 24)`), ' +
      'bind to 127.0.0.1, or pass --insecure-no-auth if the network in front of it already authenticates',
  };
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}
