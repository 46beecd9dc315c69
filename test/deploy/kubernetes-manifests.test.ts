import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { STORE_ENV } from '../../src/cli/option-parsers.js';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.js';
import { runCli, makeProject, REPO_ROOT } from '../helpers/cli.js';
import { postgresMissingReason, startPostgres, type PostgresServer } from '../helpers/postgres-server.js';
import { eventually, startServe, type ServeProcess } from '../serve/serve-harness.js';

/**
 * The Kubernetes example and the Dockerfile, checked against the real CLI: the ConfigMaps are
 * "mounted" in a temp folder (their /etc/outpost paths pointed there), the Secret's and the pods'
 * environment is set as Kubernetes would, and the containers' args are run: the Deployment's
 * `outpost serve` answers its probes on its port, the CronJob's `outpost run` passes its journey
 * against the demo shop.
 */
const DEPLOY = join(REPO_ROOT, 'deploy', 'kubernetes');

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are free-form YAML */
type Manifest = any;

function manifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(join(DEPLOY, file), 'utf8')).map((doc) => doc.toJS());
}
const deployment = manifests('deployment.yaml').find((m) => m.kind === 'Deployment');
const cronJob = manifests('cronjob.yaml').find((m) => m.kind === 'CronJob');
const secret = manifests('secret.yaml').find((m) => m.kind === 'Secret');
const configMaps = manifests('configmap.yaml').filter((m) => m.kind === 'ConfigMap');
const kustomization = manifests('kustomization.yaml')[0];
const serveContainer = deployment.spec.template.spec.containers[0];
const runContainer = cronJob.spec.jobTemplate.spec.template.spec.containers[0];

/** The value after `flag` in an args list. */
const argValue = (args: string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];
/** Every `--flag` of an args list. */
const flagsOf = (args: string[]): string[] => args.filter((arg) => arg.startsWith('--'));
/** The env a container gets: its `env` list and the Secret it reads with `envFrom`. */
function containerEnv(container: Manifest, overrides: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) if (from.secretRef?.name === secret.metadata.name) Object.assign(env, secret.stringData);
  for (const entry of container.env ?? []) env[entry.name] = entry.value;
  return { ...env, ...overrides };
}

describe('Kubernetes manifests and Dockerfile (static)', () => {
  it("runs serve in the Dockerfile by default, with flags serve accepts", async () => {
    const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
    expect(/^ENTRYPOINT \["outpost"\]$/m.test(dockerfile)).toBe(true);
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    expect(cmd[0]).toBe('serve');
    const help = (await runCli(['serve', '--help'], { cwd: REPO_ROOT })).stdout;
    for (const flag of flagsOf(cmd)) expect(help).toContain(flag);
  });

  it('gives the serve Deployment flags serve accepts, probes on its port, sized resources and a grace longer than serve\'s', async () => {
    const args: string[] = serveContainer.args;
    expect(args[0]).toBe('serve');
    const help = (await runCli(['serve', '--help'], { cwd: REPO_ROOT })).stdout;
    for (const flag of flagsOf(args)) expect(help).toContain(flag);
    const port = Number(argValue(args, '--port'));
    expect(serveContainer.ports).toEqual([{ name: 'http', containerPort: port }]);
    expect(serveContainer.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(serveContainer.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(argValue(args, '--host')).toBe('0.0.0.0');
    const graceS = Number(/^(\d+)s$/.exec(argValue(args, '--grace')!)![1]);
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(graceS);
    expect(serveContainer.resources.requests).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
    expect(serveContainer.resources.limits).toMatchObject({ memory: expect.anything() });
    expect(deployment.spec.template.metadata.annotations['prometheus.io/port']).toBe(String(port));
  });

  it('has a CronJob running `outpost run` once, with flags run accepts', async () => {
    const args: string[] = runContainer.args;
    expect(args[0]).toBe('run');
    const help = (await runCli(['run', '--help'], { cwd: REPO_ROOT })).stdout;
    for (const flag of flagsOf(args)) expect(help).toContain(flag);
    expect(cronJob.spec.concurrencyPolicy).toBe('Forbid');
  });

  it('keeps the PostgreSQL connection in a Secret, under the variable the CLI reads, and out of kustomize', () => {
    expect(STORE_ENV).toBe('OUTPOST_STORE_URL');
    expect(secret.stringData[STORE_ENV]).toMatch(/^postgres:\/\//);
    expect(serveContainer.envFrom).toContainEqual({ secretRef: { name: secret.metadata.name } });
    expect(runContainer.envFrom).toContainEqual({ secretRef: { name: secret.metadata.name } });
    expect(kustomization.resources).not.toContain('secret.yaml');
    for (const file of kustomization.resources) expect(existsSync(join(DEPLOY, file))).toBe(true);
  });
});

if (postgresMissingReason) console.warn(`[kubernetes-manifests] skipping the manifests run against PostgreSQL: ${postgresMissingReason}`);

describe.skipIf(postgresMissingReason !== undefined)('Kubernetes manifests, run (ConfigMaps mounted in a temp folder, PostgreSQL from the Secret variable)', () => {
  let postgres: PostgresServer;
  let shop: DemoShop;
  let root: string;
  let env: (container: Manifest) => Record<string, string>;
  /** A container's args with the mount paths pointed into the temp folder. */
  const mounted = (args: string[]): string[] => args.map((arg) => arg.replaceAll('/etc/outpost', join(root, 'etc/outpost')));

  beforeAll(async () => {
    postgres = await startPostgres();
    const storeUrl = await postgres.createDatabase('k8s');
    shop = await startDemoShop({ port: 0, password: 'k8s-password' });
    root = await makeProject({});
    // The ConfigMaps as kubelet mounts them: one file per key; absolute paths moved under the temp folder.
    const mountOf: Record<string, string> = { 'outpost-config': 'etc/outpost/config', 'outpost-journeys': 'etc/outpost/journeys' };
    for (const map of configMaps) {
      const dir = join(root, mountOf[map.metadata.name]!);
      await mkdir(dir, { recursive: true });
      for (const [key, value] of Object.entries(map.data as Record<string, string>)) {
        await writeFile(join(dir, key), value.replaceAll('/etc/outpost', join(root, 'etc/outpost')).replaceAll("'/work/results'", JSON.stringify(join(root, 'work/results'))));
      }
    }
    env = (container) => containerEnv(container, { [STORE_ENV]: storeUrl, OUTPOST_TARGET_URL: shop.url, SHOP_PASSWORD: 'k8s-password' });
  }, 120_000);

  afterAll(async () => {
    await shop?.close();
    await postgres?.stop();
    if (root !== undefined) await rm(root, { recursive: true, force: true });
  });

  it("the CronJob's `outpost run` passes its journey against the shop and stores it in PostgreSQL", async () => {
    const result = await runCli(mounted(runContainer.args), { cwd: root, env: env(runContainer) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/login/);
    const rows = await postgres.query<{ journey: string; status: string; location: string }>('SELECT journey, status, location FROM runs', [], 'k8s');
    expect(rows).toEqual([{ journey: 'login', status: 'passed', location: env(runContainer).OUTPOST_LOCATION }]);
  }, 120_000);

  it("the Deployment's `outpost serve` answers its liveness and readiness probes, and leads", async () => {
    // Port 0 and loopback instead of 9464 on every interface: the test shares its machine.
    const args = mounted(serveContainer.args).map((arg, i, all) => (all[i - 1] === '--port' ? '0' : all[i - 1] === '--host' ? '127.0.0.1' : arg));
    let serve: ServeProcess | undefined;
    try {
      serve = await startServe(args.slice(1), { cwd: root, env: env(serveContainer) });
      const probe = async (path: string) => (await fetch(`${serve!.url}${path}`)).status;
      expect(await probe(serveContainer.livenessProbe.httpGet.path)).toBe(200);
      await eventually(async () => (await probe(serveContainer.readinessProbe.httpGet.path)) === 200, 'readiness', 60_000);
      await eventually(() => serve!.events('leader.acquired').length > 0, 'leadership', 30_000);
      expect(serve.events('serve.listening')[0]!.fields).toMatchObject({ coordination: 'postgres', location: env(serveContainer).OUTPOST_LOCATION });
      serve.signal('SIGTERM');
      expect((await serve.exited).code).toBe(0);
    } finally {
      serve?.signal('SIGKILL');
    }
  }, 120_000);
});
