/**
 * A local PostgreSQL cluster: throwaway for tests and benchmarks (`initdb` in a temporary folder, its own port on
 * 127.0.0.1, stopped and removed afterwards), or the developer's own in ./var/postgres (`npm run postgres`). Run as
 * an unprivileged user (the `postgres` system account when we are root: PostgreSQL refuses to run as root).
 * Debian's packages are installed by scripts/ensure-postgres.sh.
 */
import { execFile } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const PG_BIN = process.env.COSITE_PG_BIN ?? '/usr/lib/postgresql/15/bin';
/** The cluster's superuser (trust authentication on 127.0.0.1 only). */
export const PG_SUPERUSER = 'cosite';

export interface PostgresCluster {
  /** postgres://cosite@127.0.0.1:PORT/postgres */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** The URL of database `name` on this cluster. */
  urlOf: (name: string) => string;
  stop: (mode?: 'fast' | 'immediate') => Promise<void>;
  /** Stop (immediate) and remove the folder. */
  destroy: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Who runs the cluster's programs: the `postgres` account when we are root, else ourselves. */
function asClusterUser(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  return ['runuser', ['-u', 'postgres', '--', command, ...args]];
}

export async function runAsClusterUser(command: string, args: string[]) {
  const [file, fileArgs] = asClusterUser(command, args);
  return run(file, fileArgs, { maxBuffer: 16 * 1024 * 1024 });
}

/** A new temporary folder the cluster's user owns (where `initdb` or `pg_basebackup` may write its data folder). */
export function clusterFolder(prefix = 'cosite-pg-'): string {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  const owner = clusterUid();
  if (owner) chownSync(folder, owner.uid, owner.gid);
  return folder;
}

function clusterUid(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const passwd = readFileSync('/etc/passwd', 'utf8');
  const line = passwd.split('\n').find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error('no postgres account to run the test cluster (install Debian postgresql)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Initialise and start a cluster. `settings` are extra postgresql.conf lines (a replication primary's, say);
 * `durable: false` turns fsync off for speed (unit tests; never for the failover test).
 */
export async function startPostgresCluster(
  options: { durable?: boolean; settings?: string[]; dataDir?: string; port?: number } = {},
): Promise<PostgresCluster> {
  if (!existsSync(path.join(PG_BIN, 'initdb'))) {
    throw new Error(`no PostgreSQL in ${PG_BIN}: run scripts/ensure-postgres.sh`);
  }
  const root = options.dataDir ? path.resolve(path.dirname(options.dataDir)) : clusterFolder();
  mkdirSync(root, { recursive: true });
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : path.join(root, 'data');
  const owner = clusterUid();
  if (owner) chownSync(root, owner.uid, owner.gid);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await runAsClusterUser(path.join(PG_BIN, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      PG_SUPERUSER,
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-locale',
    ]);
  }
  const port = options.port ?? (await freePort());
  const lines = [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${root}'`,
    'max_connections = 200',
    ...(options.durable === false ? ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off'] : []),
    ...(options.settings ?? []),
  ];
  writeFileSync(path.join(dataDir, 'cosite.conf'), `${lines.join('\n')}\n`);
  if (owner) chownSync(path.join(dataDir, 'cosite.conf'), owner.uid, owner.gid);
  appendInclude(dataDir);
  const running = await runAsClusterUser(path.join(PG_BIN, 'pg_ctl'), ['-D', dataDir, 'status']).then(
    () => true,
    () => false,
  );
  if (!running) {
    await runAsClusterUser(path.join(PG_BIN, 'pg_ctl'), [
      '-D',
      dataDir,
      '-l',
      path.join(root, 'log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }
  const urlOf = (name: string) => `postgres://${PG_SUPERUSER}@127.0.0.1:${port}/${name}`;
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await runAsClusterUser(path.join(PG_BIN, 'pg_ctl'), ['-D', dataDir, '-m', mode, '-w', 'stop']).catch(() => {});
  };
  return {
    adminUrl: urlOf('postgres'),
    port,
    dataDir,
    urlOf,
    stop,
    destroy: async () => {
      await stop('immediate');
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** postgresql.conf includes cosite.conf once (our settings override the defaults). */
function appendInclude(dataDir: string) {
  const conf = path.join(dataDir, 'postgresql.conf');
  if (!readFileSync(conf, 'utf8').includes("include_if_exists = 'cosite.conf'")) {
    appendFileSync(conf, "\ninclude_if_exists = 'cosite.conf'\n");
  }
}
