import type { OutpostConfig } from './outpost-config.js';

/** A declared secret: the name steps read it by and the env var it comes from. */
export interface SecretSpec {
  name: string;
  env: string;
  required: boolean;
}

/** A required secret whose env var is unset or empty. */
export interface MissingSecret {
  name: string;
  env: string;
}

/**
 * Thrown before any journey runs when required secrets are missing. Lists all of them, so one
 * fix-and-retry cycle in CI is enough.
 */
export class MissingSecretError extends Error {
  constructor(readonly missing: MissingSecret[]) {
    const list = missing.map(({ name, env }) => `${env} (secret ${name})`).join(', ');
    super(
      `missing required secret env vars: ${list}. ` +
        'Set them in the environment where Outpost runs (CI secrets, Kubernetes Secret, container env); ' +
        'an empty value counts as missing.',
    );
    this.name = 'MissingSecretError';
  }
}

/** The config's `secrets`, in either form, as one list. */
export function declaredSecrets(secrets: OutpostConfig['secrets']): SecretSpec[] {
  if (secrets === undefined) return [];
  if (Array.isArray(secrets)) return secrets.map((name) => ({ name, env: name, required: true }));
  return Object.entries(secrets).map(([name, { env, required }]) => ({ name, env, required: required ?? true }));
}

/**
 * Reads every declared secret from `env`. Optional secrets that are not set are left out.
 * Throws a {@link MissingSecretError} naming every missing required one.
 *
 * @example
 * const secrets = resolveSecrets(config); // { SHOP_PASSWORD: '…' }
 */
export function resolveSecrets(config: { secrets: readonly SecretSpec[] }, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const values: Record<string, string> = {};
  const missing: MissingSecret[] = [];
  for (const { name, env: variable, required } of config.secrets) {
    const value = env[variable];
    // CI systems often pass an unset secret as an empty string; treat it as missing, not as a password.
    if (value !== undefined && value !== '') values[name] = value;
    else if (required) missing.push({ name, env: variable });
  }
  if (missing.length > 0) throw new MissingSecretError(missing);
  return values;
}
