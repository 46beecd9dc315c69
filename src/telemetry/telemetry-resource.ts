import { hostname } from 'node:os';
import { parseKeyPairsIntoRecord } from '@opentelemetry/core';
import { defaultResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import packageJson from '../../package.json' with { type: 'json' };
import { ATTR_HOST_NAME, ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION, OUTPOST_ATTRIBUTES as A } from './attribute-names.js';
import type { TelemetryOptions } from './telemetry-options.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The resource every span and metric carries. Precedence: explicit options, then
 * `OTEL_SERVICE_NAME`, then `OTEL_RESOURCE_ATTRIBUTES`, then what Outpost detects (host name,
 * its own version) and the SDK defaults. `outpost.location` always comes from the options: it
 * is also a metric label and the two must agree.
 */
export function buildResource(options: Pick<TelemetryOptions, 'serviceName' | 'serviceVersion' | 'location'>, env: Env): Resource {
  const fromEnv = parseKeyPairsIntoRecord(env.OTEL_RESOURCE_ATTRIBUTES);
  const serviceName = options.serviceName ?? nonEmpty(env.OTEL_SERVICE_NAME) ?? fromEnv[ATTR_SERVICE_NAME] ?? 'outpost';
  const serviceVersion = options.serviceVersion ?? fromEnv[ATTR_SERVICE_VERSION] ?? packageJson.version;
  return defaultResource().merge(
    resourceFromAttributes({
      [ATTR_HOST_NAME]: hostname(),
      ...fromEnv,
      [ATTR_SERVICE_NAME]: serviceName,
      [ATTR_SERVICE_VERSION]: serviceVersion,
      [A.location]: options.location,
    }),
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
