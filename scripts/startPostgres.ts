/**
 * `npm run postgres`: a local PostgreSQL 15 + PostGIS for CoSite in ./var/postgres, on 127.0.0.1:5433 (initialised
 * the first time, started if it is not running), with a database `cosite`; prints the COSITE_DATABASE_URL to start
 * the server with. `npm run postgres -- stop` stops it. For a machine of one's own: trust authentication on
 * 127.0.0.1, no password. A deployment uses its own database server (README, "Deployment").
 */
import path from 'node:path';
import pg from 'pg';
import { PG_BIN, runAsClusterUser, startPostgresCluster } from './postgresCluster';

const DATA_DIR = path.resolve('var/postgres/data');
const PORT = Number(process.env.COSITE_PG_PORT ?? 5433);

async function main() {
  if (process.argv[2] === 'stop') {
    await runAsClusterUser(path.join(PG_BIN, 'pg_ctl'), ['-D', DATA_DIR, '-m', 'fast', '-w', 'stop']);
    process.stdout.write('CoSite PostgreSQL stopped\n');
    return;
  }
  const cluster = await startPostgresCluster({ dataDir: DATA_DIR, port: PORT });
  const client = new pg.Client({ connectionString: cluster.adminUrl });
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'cosite'");
  if (exists.rowCount === 0) await client.query('CREATE DATABASE cosite');
  await client.end();
  const url = cluster.urlOf('cosite');
  process.stdout.write(
    `CoSite PostgreSQL is running (data in ${path.relative(process.cwd(), DATA_DIR)}).\nStart the server on it:\n  COSITE_DATABASE_URL=${url} npm start\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`cosite postgres: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
  process.exitCode = 1;
});
