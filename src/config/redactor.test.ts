import { describe, expect, test } from 'vitest';
import { Redactor } from './redactor.js';

describe('Redactor', () => {
  test('replaces every occurrence of a secret with its name', () => {
    const redactor = new Redactor({ SHOP_PASSWORD: 'hunter2' });
    expect(redactor.redact('typed hunter2, then hunter2 again')).toBe('typed [redacted:SHOP_PASSWORD], then [redacted:SHOP_PASSWORD] again');
  });

  test('redacts several secrets', () => {
    const redactor = new Redactor({ USER: 'alice@example.com', TOKEN: 'tok_9f8e7d' });
    expect(redactor.redact('login alice@example.com with tok_9f8e7d')).toBe('login [redacted:USER] with [redacted:TOKEN]');
  });

  test('a secret containing another is replaced whole', () => {
    // The shorter value comes first and starts the longer one, so only longest-first ordering passes.
    const redactor = new Redactor({ PIN: 'abc1', PASSWORD: 'abc1234xyz', CODE: '4xy' });
    expect(redactor.redact('abc1234xyz and abc1, 4xy')).toBe('[redacted:PASSWORD] and [redacted:PIN], [redacted:CODE]');
  });

  test('short values are redacted too', () => {
    expect(new Redactor({ PIN: '42' }).redact('pin=42')).toBe('pin=[redacted:PIN]');
  });

  test('redacts the URL-encoded forms of a value', () => {
    const redactor = new Redactor({ PASSWORD: 'p@ss word&1!' });
    expect(redactor.redact('/login?password=p%40ss%20word%261!')).toBe('/login?password=[redacted:PASSWORD]');
    // A form body: spaces as `+`, `!` escaped.
    expect(redactor.redact('user=a&password=p%40ss+word%261%21')).toBe('user=a&password=[redacted:PASSWORD]');
  });

  test('redacts the JSON-escaped form of a value', () => {
    const redactor = new Redactor({ PASSWORD: 'say "hi"\\now' });
    const body = JSON.stringify({ password: 'say "hi"\\now' });
    expect(redactor.redact(body)).toBe('{"password":"[redacted:PASSWORD]"}');
  });

  test('a replacement is not searched again', () => {
    expect(new Redactor({ A: 'redacted', B: 'secret' }).redact('secret redacted')).toBe('[redacted:B] [redacted:A]');
  });

  test('redactDeep copies objects and arrays with their strings redacted', () => {
    const redactor = new Redactor({ TOKEN: 'tok_9f8e7d' });
    const original = {
      url: 'https://api.example.com/?token=tok_9f8e7d',
      steps: [{ log: ['sent tok_9f8e7d'], durationMs: 12 }],
      at: new Date(0),
      ok: true,
      nothing: null,
    };
    const copy = redactor.redactDeep(original);
    expect(copy).toEqual({
      url: 'https://api.example.com/?token=[redacted:TOKEN]',
      steps: [{ log: ['sent [redacted:TOKEN]'], durationMs: 12 }],
      at: new Date(0),
      ok: true,
      nothing: null,
    });
    expect(original.steps[0]?.log[0]).toBe('sent tok_9f8e7d');
  });

  test('redactDeep survives circular references', () => {
    const looped: Record<string, unknown> = { secret: 'tok_9f8e7d' };
    looped.self = looped;
    const copy = new Redactor({ TOKEN: 'tok_9f8e7d' }).redactDeep(looped);
    expect(copy.secret).toBe('[redacted:TOKEN]');
    expect(copy.self).toBe(copy);
  });

  test('with no secrets (or only empty ones) text is unchanged', () => {
    for (const redactor of [new Redactor({}), new Redactor({ EMPTY: '' })]) {
      expect(redactor.redact('nothing [to] hide ')).toBe('nothing [to] hide ');
      const data = { a: ['b', { c: 'd' }] };
      const copy = redactor.redactDeep(data);
      expect(copy).toEqual(data);
      expect(copy).not.toBe(data);
    }
  });

  test('regex characters in a value are matched literally', () => {
    expect(new Redactor({ P: 'a.b*c' }).redact('axbbc a.b*c')).toBe('axbbc [redacted:P]');
  });
});
