/**
 * A standby that takes over without losing a request. Five rounds of: a primary PostgreSQL with a synchronous
 * standby (streaming replication, synchronous_commit = on: a commit returns once the standby has flushed it); the
 * real API server on the primary; a burst of co-location requests from two operators; SIGKILL to the primary's
 * postmaster in the middle of the burst; `pg_ctl promote` on the standby; the API restarted on the standby. Every
 * request the API acknowledged (201) before the kill must be there, each with its audit row.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  clusterFolder,
  PG_BIN,
  PG_SUPERUSER,
  type PostgresCluster,
  runAsClusterUser,
  startPostgresCluster,
} from '../../../scripts/postgresCluster';
import { HttpSession, requestableMasts, type ServerProcess, startServerProcess } from './serverProcess';

const ROUNDS = 5;
const IN_FLIGHT = 8;
const KILL_AFTER_ACKNOWLEDGED = 40;
const MAX_WRITES = 200;

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A primary that waits for the standby `standby1` on every commit, and that standby, streaming from it. */
async function primaryWithStandby(): Promise<{ primary: PostgresCluster; standby: PostgresCluster }> {
  const primary = await startPostgresCluster({
    settings: [
      'wal_level = replica',
      'max_wal_senders = 5',
      "synchronous_standby_names = 'FIRST 1 (standby1)'",
      'synchronous_commit = on',
    ],
  });
  const root = clusterFolder('cosite-pg-standby-');
  const dataDir = path.join(root, 'data');
  await runAsClusterUser(path.join(PG_BIN, 'pg_basebackup'), [
    '-d',
    `host=127.0.0.1 port=${primary.port} user=${PG_SUPERUSER} application_name=standby1`,
    '-D',
    dataDir,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  const standby = await startPostgresCluster({ dataDir, settings: ['hot_standby = on'] });
  // Wait until the primary counts the standby as synchronous.
  for (let i = 0; i < 200; i++) {
    const rows = await query<{ sync_state: string }>(
      primary.adminUrl,
      "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'",
    );
    if (rows[0]?.sync_state === 'sync') return { primary, standby };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the standby did not become synchronous');
}

describe('synchronous standby failover', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cosite-failover-'));
  const clusters: PostgresCluster[] = [];
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) await server.kill('SIGKILL');
    for (const cluster of clusters) await cluster.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`loses no acknowledged request when the primary is killed and the standby promoted (${ROUNDS} rounds)`, async () => {
    const summary: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const { primary, standby } = await primaryWithStandby();
      clusters.push(primary, standby);
      await query(primary.adminUrl, 'CREATE DATABASE cosite');
      const api = await startServerProcess(dataDir, { demo: true, databaseUrl: primary.urlOf('cosite') });
      servers.push(api);
      const operators = await Promise.all(
        [
          ['viettel', 'Viettel'],
          ['vinaphone', 'VinaPhone'],
        ].map(async ([username, operator]) => {
          const session = await HttpSession.login(api.url, username);
          return { session, masts: await requestableMasts(session, operator) };
        }),
      );

      const acknowledged: string[] = [];
      let attempted = 0;
      let cutOff = 0;
      let killed = false;
      const postmasterPid = Number(readFileSync(path.join(primary.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const worker = async (index: number) => {
        const { session, masts } = operators[index % 2];
        for (let k = Math.floor(index / 2); k < masts.length && !killed && attempted < MAX_WRITES; k += IN_FLIGHT / 2) {
          attempted++;
          const answer = await session
            .request('POST', '/api/requests', {
              provinceId: 'VN25',
              target: { kind: 'mast', mastId: masts[k] },
              equipment: `failover round ${round}`,
              antennaHeightM: 12,
              band: 'n78',
              windLoadAreaM2: 0.8,
              weightKg: 60,
            })
            .catch(() => ({ status: 0, body: null }));
          if (answer.status === 201) acknowledged.push((answer.body as { request: { id: string } }).request.id);
          else cutOff++;
          if (!killed && acknowledged.length >= KILL_AFTER_ACKNOWLEDGED) {
            killed = true;
            process.kill(postmasterPid, 'SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, (_, index) => worker(index)));
      expect(killed).toBe(true);
      await api.kill('SIGKILL');

      await runAsClusterUser(path.join(PG_BIN, 'pg_ctl'), ['-D', standby.dataDir, '-w', 'promote']);
      const after = await startServerProcess(dataDir, { databaseUrl: standby.urlOf('cosite') });
      servers.push(after);
      const ministry = await HttpSession.login(after.url, 'ministry');
      const stored = (await ministry.request('GET', '/api/requests?limit=5000')).body as {
        requests: { id: string; equipment: string }[];
      };
      const storedIds = new Set(
        stored.requests.filter((r) => r.equipment === `failover round ${round}`).map((r) => r.id),
      );
      const lost = acknowledged.filter((id) => !storedIds.has(id));
      const audit = (await ministry.request('GET', '/api/audit?entityType=colocationRequest&limit=1000')).body as {
        entries: { entityId: string; action: string }[];
      };
      const audited = new Set(audit.entries.filter((e) => e.action === 'request.submit').map((e) => e.entityId));
      const withoutAudit = [...storedIds].filter((id) => !audited.has(id));
      summary.push(
        `round ${round}: ${attempted} sent, ${acknowledged.length} acknowledged, ${cutOff} cut off, ${storedIds.size} on the promoted standby, lost ${lost.length}`,
      );
      expect(lost).toEqual([]);
      expect(withoutAudit).toEqual([]);
      await after.kill('SIGTERM');
      await primary.destroy();
      await standby.destroy();
    }
    console.log(`failover:\n${summary.join('\n')}`);
  }, 600_000);
});
