/**
 * Issue 17: a 100,000-mast import (15 MB of JSON: parsing, validation and one transaction, over a second of work)
 * runs in the import's worker thread, so `GET /api/health` never waits 100 ms meanwhile; a write sent during the
 * import waits for it without holding the event loop, and reads go on. Figures are printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WriteGate } from '../../../src/server/db/writeGate';
import { probeHealthDuring, sendRawBody } from './healthProbe';
import { requestBody, startTestServer, type TestClient, type TestServer } from './testServer';

/** The worst health answer allowed during the import, ms (issue 17). */
const STALL_BUDGET_MS = 100;
const TOWERS = 100_000;

/** As in the attack suite: a loaded machine's own worst quiet probe is added to the allowance only above 25 ms. */
function stallAllowanceMs(baselineWorstMs: number): number {
  return STALL_BUDGET_MS + Math.max(0, baselineWorstMs - 25);
}

function importBody(prefix: string): Buffer {
  const operators = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'];
  const towers = Array.from({ length: TOWERS }, (_, i) => {
    const operator = operators[i % operators.length];
    return {
      id: `${prefix}-${String(i).padStart(6, '0')}`,
      operator,
      lon: Number((107.5 + (i % 1000) * 0.0007).toFixed(6)),
      lat: Number((15.5 + Math.floor(i / 1000) * 0.007).toFixed(6)),
      heightM: 30 + (i % 40),
      mastType: 'A2b',
      tenants: i % 3 === 0 ? [operator, 'Gmobile'] : [operator],
      radiusM: 2000 + (i % 2000),
    };
  });
  return Buffer.from(JSON.stringify({ towers, mode: 'updateById', sourceName: `${prefix}.csv` }));
}

function browserHeaders(client: TestClient): Record<string, string> {
  return { cookie: client.cookieHeader, 'x-csrf-token': client.csrfToken ?? '' };
}

describe('the write gate', () => {
  it('holds writes while a job runs; a write woken after a waiting job took the gate waits again', async () => {
    const gate = new WriteGate();
    const events: string[] = [];
    const finish: (() => void)[] = [];
    // How addRoute's handlers wait: check and act in the same synchronous stretch.
    const job = async (name: string) => {
      while (!gate.open) await gate.opened();
      await gate.hold(() => new Promise<void>((resolve) => finish.push(resolve)).then(() => events.push(name)));
    };
    const write = async (name: string) => {
      while (!gate.open) await gate.opened();
      events.push(name);
    };
    const tick = () => new Promise((resolve) => setTimeout(resolve, 10));
    const first = job('job 1');
    const second = job('job 2'); // waits for job 1, then takes the gate before the write below wakes
    const writing = write('write');
    await tick();
    expect(events).toEqual([]);
    finish.shift()?.();
    await tick();
    expect(events).toEqual(['job 1']);
    expect(gate.open).toBe(false);
    finish.shift()?.();
    await Promise.all([first, second, writing]);
    expect(events).toEqual(['job 1', 'job 2', 'write']);
    expect(gate.open).toBe(true);
  });
});

describe('a 100,000-mast import in the worker thread', () => {
  let server: TestServer | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('never makes a health check wait 100 ms; a write sent meanwhile waits for it, reads go on', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cosite-import-stall-'));
    server = await startTestServer({ masts: 3, dataDir });
    const db = server.db;
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const baseUrl = `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
    const planner = await server.loggedIn('planner');
    const viettel = await server.loggedIn('viettel');
    const count = async (sql: string) => ((await db.get(sql)) as { n: number }).n;

    const quiet = () => probeHealthDuring(baseUrl, () => new Promise((resolve) => setTimeout(resolve, 1000)));
    // Other test files share the 2 cores: up to three attempts, each against its own quiet baseline (see the attack
    // suite). On the request thread the import held health for 1.2-1.3 s each time.
    const attempts: string[] = [];
    let passed = false;
    for (let attempt = 0; attempt < 3 && !passed; attempt++) {
      const prefix = `W${attempt}`;
      const body = importBody(prefix); // made before probing: the client shares this event loop
      const auditsBefore = await count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'masts.import'");
      const before = await quiet();
      const run = await probeHealthDuring(baseUrl, async () => {
        const started = performance.now();
        const importing = sendRawBody(
          baseUrl,
          'POST',
          '/api/provinces/VN25/masts/import',
          body,
          browserHeaders(planner),
        );
        // While the body arrives and the worker runs: a write (waits for the import) and reads (go on).
        await new Promise((resolve) => setTimeout(resolve, 200));
        const filing = sendRawBody(
          baseUrl,
          'POST',
          '/api/requests',
          // A mast of its own each attempt: an earlier attempt's request is still open on its mast.
          JSON.stringify(requestBody(`T-000${attempt}`)),
          browserHeaders(viettel),
        );
        const reading = sendRawBody(baseUrl, 'GET', '/api/provinces/VN25/masts?limit=10', '', browserHeaders(planner));
        const [imported, filed, read] = await Promise.all([importing, filing, reading]);
        return { imported, filed, read, importMs: performance.now() - started };
      });
      const after = await quiet();
      const { imported, filed, read, importMs } = run.result as {
        imported: { status: number; text: string };
        filed: { status: number; text: string };
        read: { status: number };
        importMs: number;
      };
      expect(imported.status, imported.text.slice(0, 300)).toBe(200);
      expect(JSON.parse(imported.text)).toEqual({
        inserted: TOWERS,
        updated: 0,
        unchanged: 0,
        removed: 0,
        skipped: 0,
        keptWithRequests: [],
        foreignTenantsIgnored: 0,
        keptCommitted: [],
      });
      expect(filed.status, filed.text).toBe(201);
      expect(read.status).toBe(200);
      expect(await count(`SELECT COUNT(*) AS n FROM masts WHERE id LIKE '${prefix}-%'`)).toBe(TOWERS);
      expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'masts.import'")).toBe(auditsBefore + 1);
      expect(run.probes).toBeGreaterThan(10);
      const baselineWorstMs = Math.max(before.worstMs, after.worstMs);
      passed = run.worstMs < stallAllowanceMs(baselineWorstMs);
      attempts.push(
        `health worst ${run.worstMs.toFixed(1)} ms (median ${run.medianMs.toFixed(1)} ms, ${run.probes} probes) ` +
          `during an import of ${(body.length / 1e6).toFixed(1)} MB answered in ${importMs.toFixed(0)} ms, ` +
          `baseline worst ${baselineWorstMs.toFixed(1)} ms`,
      );
    }
    console.log(`100,000-mast import: ${attempts.join('; ')}`);
    expect(passed, attempts.join('; ')).toBe(true);
  });
});
