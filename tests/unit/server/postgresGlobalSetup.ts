/**
 * Global setup of the `server-pg` project: a throwaway PostgreSQL cluster for the run, and a migrated template
 * database that each test server copies (testDatabase.ts). The tests find the cluster through
 * COSITE_TEST_POSTGRES_URL.
 */
import pg from 'pg';
import { startPostgresCluster } from '../../../scripts/postgresCluster';
import { openPostgresDatabase } from '../../../src/server/db/openDatabase';
import { TEMPLATE_DATABASE } from './testDatabase';

export default async function setup() {
  const cluster = await startPostgresCluster({ durable: false });
  const client = new pg.Client({ connectionString: cluster.adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await client.end();
  const template = await openPostgresDatabase(cluster.urlOf(TEMPLATE_DATABASE));
  await template.close();
  process.env.COSITE_TEST_POSTGRES_URL = cluster.adminUrl;
  return async () => {
    await cluster.destroy();
  };
}
