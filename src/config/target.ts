import type { ResolvedConfig } from './resolved-config.js';

/** The target a run probes: its name, base URL and the journey params set for it. */
export interface ResolvedTarget {
  name: string;
  baseURL: string;
  params: Record<string, unknown>;
}

/** Thrown when a target cannot be chosen; lists the names that would have worked. */
export class TargetError extends Error {
  constructor(
    readonly requested: string | undefined,
    readonly known: string[],
    reason: string,
  ) {
    const choices = known.length === 0 ? 'no targets are configured' : `known targets: ${known.join(', ')}`;
    super(`${reason}; ${choices}. Pass a target name or a full http(s):// URL.`);
    this.name = 'TargetError';
  }
}

type TargetSource = Pick<ResolvedConfig, 'targets' | 'defaultTarget' | 'use'>;

/**
 * Chooses the target: a configured name, or an `http(s)://` URL (named by its host). With
 * neither, the `defaultTarget`, else the only target, else the `use.baseURL` of a config that
 * has no targets.
 *
 * @example
 * resolveTarget(config, 'staging');                 // { name: 'staging', baseURL: 'https://staging.example.com', params: {} }
 * resolveTarget(config, 'http://localhost:3000');   // { name: 'localhost:3000', baseURL: 'http://localhost:3000', params: {} }
 */
export function resolveTarget(config: TargetSource, nameOrUrl?: string): ResolvedTarget {
  const known = Object.keys(config.targets);
  if (nameOrUrl === undefined || nameOrUrl === '') return implicitTarget(config, known);
  if (/^https?:\/\//i.test(nameOrUrl)) return targetFromUrl(nameOrUrl, known);
  const target = config.targets[nameOrUrl];
  if (target === undefined) throw new TargetError(nameOrUrl, known, `unknown target ${JSON.stringify(nameOrUrl)}`);
  return { name: nameOrUrl, baseURL: target.url, params: target.params };
}

function implicitTarget(config: TargetSource, known: string[]): ResolvedTarget {
  const name = config.defaultTarget ?? (known.length === 1 ? known[0] : undefined);
  if (name !== undefined) return resolveTarget(config, name);
  // A Playwright setup often names its site only in `use.baseURL`; that should run as is.
  const { baseURL } = config.use;
  if (known.length === 0 && typeof baseURL === 'string') return targetFromUrl(baseURL, known);
  throw new TargetError(undefined, known, known.length === 0 ? 'no target given' : 'no target given and no defaultTarget set');
}

function targetFromUrl(text: string, known: string[]): ResolvedTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TargetError(text, known, `${JSON.stringify(text)} is not a valid URL`);
  }
  return { name: url.host, baseURL: text, params: {} };
}
