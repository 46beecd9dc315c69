import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { buildResource } from './telemetry-resource.js';

describe('buildResource', () => {
  it('names the service outpost, at its package version, on this host and location', () => {
    expect(buildResource({ location: 'eu-west-1' }, {}).attributes).toMatchObject({
      'service.name': 'outpost',
      'service.version': packageJson.version,
      'host.name': hostname(),
      'outpost.location': 'eu-west-1',
      'telemetry.sdk.language': 'nodejs',
    });
  });

  it('takes service.name from options, then OTEL_SERVICE_NAME, then OTEL_RESOURCE_ATTRIBUTES', () => {
    const env = { OTEL_SERVICE_NAME: 'from-name-var', OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attributes' };
    expect(buildResource({ location: 'x', serviceName: 'from-options' }, env).attributes['service.name']).toBe('from-options');
    expect(buildResource({ location: 'x' }, env).attributes['service.name']).toBe('from-name-var');
    expect(buildResource({ location: 'x' }, { OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-attributes' }).attributes['service.name']).toBe('from-attributes');
  });

  it('honours OTEL_RESOURCE_ATTRIBUTES, but the location always comes from the options', () => {
    const env = { OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod,host.name=node-7,team=sre%20core,outpost.location=elsewhere' };
    expect(buildResource({ location: 'eu-west-1', serviceVersion: '9.9.9' }, env).attributes).toMatchObject({
      'deployment.environment.name': 'prod',
      'host.name': 'node-7',
      team: 'sre core',
      'outpost.location': 'eu-west-1',
      'service.version': '9.9.9',
    });
  });
});
