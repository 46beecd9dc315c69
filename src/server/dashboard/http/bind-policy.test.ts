import { describe, expect, it } from 'vitest';
import { accessPolicy, isLoopbackHost } from './bind-policy.js';

const TOKEN = 'a-token-of-24-characters';

describe('accessPolicy', () => {
  it('lets loopback binds go without a token', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) {
      expect(accessPolicy({ host, token: undefined, insecureNoAuth: false })).toEqual({ ok: true, policy: { kind: 'open' } });
    }
  });

  it('refuses any other interface without a token, saying how to fix it', () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'example.com', '128.0.0.1']) {
      const decision = accessPolicy({ host, token: undefined, insecureNoAuth: false });
      expect(decision.ok).toBe(false);
      expect(!decision.ok && decision.message).toMatch(/--token or OUTPOST_UI_TOKEN.*--insecure-no-auth/);
    }
  });

  it('requires the token wherever one is given, and refuses short ones or a token with --insecure-no-auth', () => {
    expect(accessPolicy({ host: '0.0.0.0', token: TOKEN, insecureNoAuth: false })).toEqual({ ok: true, policy: { kind: 'token', token: TOKEN } });
    expect(accessPolicy({ host: '127.0.0.1', token: ` ${TOKEN}\n`, insecureNoAuth: false })).toEqual({ ok: true, policy: { kind: 'token', token: TOKEN } });
    expect(accessPolicy({ host: '0.0.0.0', token: 'short', insecureNoAuth: false })).toMatchObject({ ok: false, message: expect.stringMatching(/at least 16/) });
    expect(accessPolicy({ host: '0.0.0.0', token: TOKEN, insecureNoAuth: true })).toMatchObject({ ok: false });
  });

  it('serves an open network only when told to explicitly; an empty token counts as none', () => {
    expect(accessPolicy({ host: '0.0.0.0', token: undefined, insecureNoAuth: true })).toEqual({ ok: true, policy: { kind: 'insecure' } });
    expect(accessPolicy({ host: '0.0.0.0', token: '  ', insecureNoAuth: false }).ok).toBe(false);
  });
});

describe('isLoopbackHost', () => {
  it('knows IPv4-mapped loopback and rejects look-alikes', () => {
    expect(isLoopbackHost('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.evil.example')).toBe(false);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
  });
});
