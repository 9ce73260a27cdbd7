/**
 * The CoSite server under load on loopback (see serverLoad.ts), 10 s per scenario, 10 connections in all, side by
 * side in one run: SQLite with one API process; PostgreSQL (a local cluster started for the run, fsync on) with one
 * and with two API processes on the same database.
 */
import pg from 'pg';
import { startPostgresCluster } from '../../scripts/postgresCluster';
import { formatLoadFigures, type LoadFigures, runServerLoad } from './serverLoad';

export async function run(): Promise<void> {
  const cluster = await startPostgresCluster({ durable: true });
  try {
    const client = new pg.Client({ connectionString: cluster.adminUrl });
    await client.connect();
    await client.query('CREATE DATABASE cosite_load_1');
    await client.query('CREATE DATABASE cosite_load_2');
    await client.end();
    const configurations: { name: string; database: string; processes: number }[] = [
      { name: 'SQLite, 1 API process', database: 'sqlite', processes: 1 },
      { name: 'PostgreSQL, 1 API process', database: cluster.urlOf('cosite_load_1'), processes: 1 },
      { name: 'PostgreSQL, 2 API processes', database: cluster.urlOf('cosite_load_2'), processes: 2 },
    ];
    const table: { name: string; rows: LoadFigures[] }[] = [];
    for (const configuration of configurations) {
      const rows = await runServerLoad({
        durationSeconds: 10,
        connections: 10,
        processes: configuration.processes,
        database: configuration.database,
      });
      console.log(`${configuration.name}:\n${formatLoadFigures(rows)}`);
      table.push({ name: configuration.name, rows });
    }
    console.log('\n| engine, API processes | scenario | req/s | p50 ms | p99 ms | errors, non-2xx |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const { name, rows } of table) {
      for (const row of rows) {
        console.log(
          `| ${name} | ${row.scenario} | ${row.requestsPerSecond} | ${row.latencyP50Ms} | ${row.latencyP99Ms} | ${row.errors}, ${row.non2xx} |`,
        );
      }
    }
  } finally {
    await cluster.destroy();
  }
}
