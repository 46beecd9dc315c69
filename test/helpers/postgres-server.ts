import { execFile, execFileSync } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.js';

/*
 * A real PostgreSQL (Debian's `postgresql` package; .ci/run installs it) for integration tests:
 * a throwaway cluster in a temp folder, listening on 127.0.0.1 only, with fsync off (its data is
 * thrown away anyway). PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';
const SERVICE_USER = 'postgres';

/** The bin folder of the newest installed PostgreSQL (e.g. /usr/lib/postgresql/15/bin), if any. */
export const postgresBinDir: string | undefined = findBinDir();

/** Why tests that need PostgreSQL are skipped, or undefined when they can run. */
export const postgresMissingReason: string | undefined = postgresBinDir
  ? asServiceUserProblem()
  : `no ${PG_ROOT}/*/bin/initdb: PostgreSQL is not installed (Debian package "postgresql"; .ci/run installs it)`;

export interface DatabaseOptions {
  /** The role that owns it (and may create tables in it); default the superuser. */
  owner?: string;
  /** Sort text with this ICU locale (e.g. `en-US`) instead of the cluster's byte order (`C`). */
  icuLocale?: string;
}

export interface PostgresServer {
  /** The superuser (no password: trusted on 127.0.0.1). */
  user: string;
  host: string;
  port: number;
  /** Creates an empty database and returns its URL, e.g. `postgres://postgres@127.0.0.1:5433/<name>`. */
  createDatabase(name: string, options?: DatabaseOptions): Promise<string>;
  /** Creates a role that must log in with `password` over TCP (scram-sha-256), owning nothing. */
  createPasswordRole(name: string, password: string): Promise<void>;
  /** Runs SQL as the superuser in `database` (default `postgres`). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[], database?: string): Promise<R[]>;
  /** Stops the server at once (`pg_ctl stop -m immediate`) and removes its files. */
  stop(): Promise<void>;
}

/** Initialises and starts a fresh cluster on a free port. */
export async function startPostgres(): Promise<PostgresServer> {
  if (postgresMissingReason || !postgresBinDir) throw new Error(postgresMissingReason);
  const bin = postgresBinDir;
  const dir = await mkdtemp(join(tmpdir(), 'outpost-postgres-'));
  const data = join(dir, 'data');
  const sockets = join(dir, 'sockets');
  try {
    await mkdir(sockets);
    await handToServiceUser(dir, sockets);
    await asServiceUser(join(bin, 'initdb'), ['-D', data, '--auth=trust', '-U', SERVICE_USER, '--encoding=UTF8', '--locale=C', '--no-sync']);
    await writeFile(join(data, 'pg_hba.conf'), HBA);
    const port = await launch(bin, data, sockets, join(dir, 'server.log'));
    return serverApi(bin, dir, data, port);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

// The superuser is trusted; any other role must send its password, so tests can check what a
// wrong password does.
const HBA = `
local all all trust
host all ${SERVICE_USER} 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
`;

function findBinDir(): string | undefined {
  let versions: string[];
  try {
    versions = readdirSync(PG_ROOT);
  } catch {
    return undefined;
  }
  return versions
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(PG_ROOT, version, 'bin'))
    .find((bin) => isExecutable(join(bin, 'initdb')) && isExecutable(join(bin, 'pg_ctl')));
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function asServiceUserProblem(): string | undefined {
  if (!isRoot()) return undefined;
  try {
    execFileSync('id', ['-u', SERVICE_USER], { stdio: 'ignore' });
    return undefined;
  } catch {
    return `running as root, and there is no "${SERVICE_USER}" user to run PostgreSQL as (it refuses to run as root)`;
  }
}

async function handToServiceUser(...paths: string[]): Promise<void> {
  if (!isRoot()) return;
  const uid = Number(execFileSync('id', ['-u', SERVICE_USER]).toString());
  const gid = Number(execFileSync('id', ['-g', SERVICE_USER]).toString());
  for (const path of paths) await chown(path, uid, gid);
}

function asServiceUser(file: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return isRoot() ? run('runuser', ['-u', SERVICE_USER, '--', file, ...args]) : run(file, args);
}

/** Tries a few free ports: another process may take the port between our probe and the server binding it. */
async function launch(bin: string, data: string, sockets: string, logFile: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${sockets} -c fsync=off -c full_page_writes=off -c max_connections=200`;
    try {
      await asServiceUser(join(bin, 'pg_ctl'), ['-D', data, '-o', settings, '-l', logFile, '-w', '-t', '60', 'start']);
      return port;
    } catch (error) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      if (attempt === 3 || !/could not bind|already in use/i.test(log)) {
        throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log.slice(-4000)}`);
      }
    }
  }
}

/** The port of a listener on 127.0.0.1:0, released again for PostgreSQL to bind. */

function serverApi(bin: string, dir: string, data: string, port: number): PostgresServer {
  const host = '127.0.0.1';
  const stopNow = (): void => {
    const args = ['-D', data, '-m', 'immediate', 'stop'];
    const [file, argv] = isRoot() ? ['runuser', ['-u', SERVICE_USER, '--', join(bin, 'pg_ctl'), ...args]] : [join(bin, 'pg_ctl'), args];
    try {
      execFileSync(file as string, argv as string[], { stdio: 'ignore' });
    } catch {
      // Already stopped.
    }
  };
  // If a test run dies without calling stop(), do not leave the server behind.
  process.once('exit', stopNow);
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = [], database = 'postgres'): Promise<R[]> => {
    const client = new pg.Client({ host, port, user: SERVICE_USER, database });
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    user: SERVICE_USER,
    host,
    port,
    query,
    createDatabase: async (name, options = {}) => {
      const owner = options.owner === undefined ? '' : ` OWNER ${pg.escapeIdentifier(options.owner)}`;
      const locale = options.icuLocale === undefined ? '' : ` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE ${pg.escapeLiteral(options.icuLocale)}`;
      await query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${owner}${locale}`);
      return `postgres://${SERVICE_USER}@${host}:${port}/${encodeURIComponent(name)}`;
    },
    createPasswordRole: async (name, password) => {
      await query(`CREATE ROLE ${pg.escapeIdentifier(name)} LOGIN PASSWORD ${pg.escapeLiteral(password)}`);
    },
    stop: async () => {
      process.off('exit', stopNow);
      stopNow();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
