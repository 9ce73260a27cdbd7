/**
 * Kill the server (SIGKILL) in the middle of a burst of writes, restart it on the same data folder, and check that
 * every write that was acknowledged (2xx) is there. Writes: co-location requests from two operators in parallel and
 * a planner saving a plan version after version. Bounded: at most 400 requests, 8 in flight.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../../src/server/db/openDatabase';
import { HttpSession, requestableMasts, type ServerProcess, startServerProcess } from './serverProcess';
import { createTestDatabaseUrl } from './testDatabase';

const MAX_WRITES = 400;
const IN_FLIGHT = 8;
const KILL_AFTER_ACKNOWLEDGED = 120;

describe('crash during writes', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cosite-crash-'));
  let database: Awaited<ReturnType<typeof createTestDatabaseUrl>> = null;
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) await server.kill('SIGKILL');
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write after SIGKILL', async () => {
    database = await createTestDatabaseUrl();
    const first = await startServerProcess(dataDir, { demo: true, databaseUrl: database?.url });
    servers.push(first);
    const operators = await Promise.all([
      HttpSession.login(first.url, 'viettel').then(async (s) => ({ s, masts: await requestableMasts(s, 'Viettel') })),
      HttpSession.login(first.url, 'vinaphone').then(async (s) => ({
        s,
        masts: await requestableMasts(s, 'VinaPhone'),
      })),
    ]);
    const planner = await HttpSession.login(first.url, 'vn25-planner');
    const created = await planner.request('POST', '/api/provinces/VN25/plans', { name: 'crash test plan' });
    const planId = (created.body as { plan: { id: string } }).plan.id;

    const acknowledgedRequests: string[] = [];
    const acknowledgedVersions: number[] = [1];
    let attempted = 0;
    let failed = 0;
    let killed = false;
    const killOnce = () => {
      if (!killed && acknowledgedRequests.length + acknowledgedVersions.length >= KILL_AFTER_ACKNOWLEDGED) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    };

    const operatorWorker = async (worker: number) => {
      const { s, masts } = operators[worker % 2];
      for (let k = Math.floor(worker / 2); k < masts.length && !killed && attempted < MAX_WRITES; k += IN_FLIGHT / 2) {
        attempted++;
        try {
          const response = await s.request('POST', '/api/requests', {
            provinceId: 'VN25',
            target: { kind: 'mast', mastId: masts[k] },
            equipment: `burst ${worker}-${k}`,
            antennaHeightM: 10,
            band: 'B3',
            windLoadAreaM2: 0.5,
          });
          if (response.status === 201)
            acknowledgedRequests.push((response.body as { request: { id: string } }).request.id);
          else if (response.status >= 400)
            throw new Error(`unexpected ${response.status} ${JSON.stringify(response.body)}`);
        } catch (error) {
          if (!killed) throw error;
          failed++;
        }
        killOnce();
      }
    };
    const plannerWorker = async () => {
      let version = 1;
      while (!killed && attempted < MAX_WRITES) {
        attempted++;
        try {
          const document = { layers: [{ id: `v${version + 1}`, name: `version ${version + 1}`, kind: 'geojson' }] };
          const response = await planner.request('PUT', `/api/plans/${planId}`, { document, version });
          if (response.status !== 200)
            throw new Error(`unexpected ${response.status} ${JSON.stringify(response.body)}`);
          version = (response.body as { plan: { version: number } }).plan.version;
          acknowledgedVersions.push(version);
        } catch (error) {
          if (!killed) throw error;
          failed++;
        }
        killOnce();
      }
    };
    await Promise.all([...Array.from({ length: IN_FLIGHT - 1 }, (_, i) => operatorWorker(i)), plannerWorker()]);
    expect(killed).toBe(true);
    await first.exited;

    const second = await startServerProcess(dataDir, { databaseUrl: database?.url });
    servers.push(second);
    const ministry = await HttpSession.login(second.url, 'ministry');
    const stored = (await ministry.request('GET', '/api/requests?limit=5000')).body as { requests: { id: string }[] };
    const storedIds = new Set(stored.requests.map((request) => request.id));
    const lostRequests = acknowledgedRequests.filter((id) => !storedIds.has(id));
    const versions = (await ministry.request('GET', `/api/plans/${planId}/versions`)).body as {
      versions: { version: number }[];
    };
    const storedVersions = new Set(versions.versions.map((v) => v.version));
    const lostVersions = acknowledgedVersions.filter((version) => !storedVersions.has(version));
    console.log(
      `crash test: ${attempted} writes sent, ${acknowledgedRequests.length} requests and ${acknowledgedVersions.length - 1} plan saves acknowledged before SIGKILL, ${failed} cut off; after restart ${storedIds.size} requests and ${storedVersions.size} plan versions stored; lost: ${lostRequests.length + lostVersions.length}`,
    );
    expect(acknowledgedRequests.length).toBeGreaterThan(50);
    expect(lostRequests).toEqual([]);
    expect(lostVersions).toEqual([]);
    // Every stored request has its audit row (same transaction).
    const audit = (await ministry.request('GET', '/api/audit?entityType=colocationRequest&limit=1000')).body as {
      entries: { entityId: string }[];
    };
    const audited = new Set(audit.entries.map((entry) => entry.entityId));
    expect([...storedIds].filter((id) => !audited.has(id))).toEqual([]);

    await second.kill('SIGTERM');
    if (database) return; // PostgreSQL: the database was never killed, only the API process.
    const db = new Database(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 120_000);
});
