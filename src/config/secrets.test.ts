import { describe, expect, test } from 'vitest';
import { declaredSecrets, MissingSecretError, resolveSecrets } from './secrets.js';
import { thrownBy } from './test-fixtures/thrown.js';

const declared = {
  secrets: declaredSecrets({
    password: { env: 'SHOP_PASSWORD' },
    apiKey: { env: 'SHOP_API_KEY', required: true },
    otp: { env: 'SHOP_OTP', required: false },
  }),
};

function missingError(env: NodeJS.ProcessEnv): MissingSecretError {
  return thrownBy(MissingSecretError, () => resolveSecrets(declared, env));
}

describe('resolveSecrets', () => {
  test('reads each secret from its env var, by secret name', () => {
    expect(resolveSecrets(declared, { SHOP_PASSWORD: 'hunter2', SHOP_API_KEY: 'k-123', SHOP_OTP: '000111' })).toEqual({
      password: 'hunter2',
      apiKey: 'k-123',
      otp: '000111',
    });
  });

  test('a missing optional secret is left out', () => {
    expect(resolveSecrets(declared, { SHOP_PASSWORD: 'hunter2', SHOP_API_KEY: 'k-123' })).toEqual({ password: 'hunter2', apiKey: 'k-123' });
  });

  test('every missing required secret is reported at once', () => {
    const error = missingError({ SHOP_OTP: '1' });
    expect(error.missing).toEqual([
      { name: 'password', env: 'SHOP_PASSWORD' },
      { name: 'apiKey', env: 'SHOP_API_KEY' },
    ]);
    expect(error.message).toMatch(/^missing required secret env vars: SHOP_PASSWORD \(secret password\), SHOP_API_KEY \(secret apiKey\)\. Set them in the environment/);
  });

  test('an empty value counts as missing', () => {
    expect(missingError({ SHOP_PASSWORD: '', SHOP_API_KEY: 'k' }).missing).toEqual([{ name: 'password', env: 'SHOP_PASSWORD' }]);
  });

  test('the list form names env vars that are also the secret names, all required', () => {
    const secrets = declaredSecrets(['SHOP_PASSWORD']);
    expect(secrets).toEqual([{ name: 'SHOP_PASSWORD', env: 'SHOP_PASSWORD', required: true }]);
    expect(() => resolveSecrets({ secrets }, {})).toThrow('missing required secret env vars: SHOP_PASSWORD (secret SHOP_PASSWORD).');
  });

  test('no declared secrets gives none', () => {
    expect(resolveSecrets({ secrets: declaredSecrets(undefined) }, { SHOP_PASSWORD: 'x' })).toEqual({});
  });
});
