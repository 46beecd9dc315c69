import { describe, expect, it } from 'vitest';
import { postgresErrorKind, postgresStoreError } from './postgres-error.js';
import { StoreError } from './store-errors.js';

/** An error shaped like the ones pg raises: a server error carries the SQLSTATE in `code`. */
const withCode = (code: string, message = `error ${code}`): Error => Object.assign(new Error(message), { code });

describe('postgresErrorKind', () => {
  it.each([
    ['40001', 'busy'], // serialization failure
    ['40P01', 'busy'], // deadlock
    ['55P03', 'busy'], // lock timeout
    ['57014', 'busy'], // statement timeout
    ['53300', 'busy'], // too many connections
    ['57P01', 'busy'], // connection terminated by the administrator
    ['57P03', 'busy'], // server starting up
    ['08006', 'busy'], // connection failure
    ['ECONNREFUSED', 'busy'],
    ['ECONNRESET', 'busy'],
    ['23505', 'conflict'], // unique violation
    ['23503', 'conflict'], // foreign key violation
    ['23502', 'invalid'], // not null violation
    ['22P02', 'invalid'], // invalid text representation
    ['22021', 'invalid'], // bad byte sequence
    ['42P01', 'failed'], // undefined table
    ['28P01', 'failed'], // wrong password
    ['3D000', 'failed'], // no such database
    ['ENOTFOUND', 'failed'],
  ])('maps %s to %s', (code, kind) => {
    expect(postgresErrorKind(withCode(code))).toBe(kind);
  });

  it('treats the driver’s own connection errors as busy, anything else as failed', () => {
    expect(postgresErrorKind(new Error('Connection terminated unexpectedly'))).toBe('busy');
    expect(postgresErrorKind(new Error('timeout exceeded when trying to connect'))).toBe('busy');
    expect(postgresErrorKind(new Error('something else'))).toBe('failed');
    expect(postgresErrorKind('a string')).toBe('failed');
  });
});

describe('postgresStoreError', () => {
  it('wraps the driver error as the cause, with its kind and retryability', () => {
    const cause = withCode('40P01', 'deadlock detected');
    const error = postgresStoreError('save', cause, ['s3cret']);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ operation: 'save', kind: 'busy', retryable: true, cause });
    expect(error.message).toBe('store save failed (busy): deadlock detected');
  });

  it('cuts secrets out of the message and then drops the cause that quoted them', () => {
    const error = postgresStoreError('open', withCode('3D000', 'database "s3cret" does not exist'), ['', 's3cret']);
    expect(error.message).toBe('store open failed (failed): database "***" does not exist');
    expect(error.cause).toBeUndefined();
  });

  it('passes a StoreError through unchanged', () => {
    const original = new StoreError('save', 'invalid', 'bad');
    expect(postgresStoreError('query', original)).toBe(original);
  });
});
