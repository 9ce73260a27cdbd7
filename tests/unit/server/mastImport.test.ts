/**
 * Mast imports: the three modes' counts on a small hand-made province, operators held to their own masts (403 for a
 * row of another operator, 409 for an id of another operator's mast, nothing written), replacing imports that keep
 * masts with live requests, the audit entry, provenance on GET, and 100,000 masts in one request. The small cases run
 * twice: on an in-memory database (the import runs on the request thread) and on a database file (in the import's
 * worker thread), with the same answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAST_IMPORT_BODY_LIMIT_BYTES } from '../../../src/server/routes/infrastructureRoutes';
import { MAST_COLUMNS, type MastInput, upsertMasts } from '../../../src/server/store/masts';
import { TEST_ENGINE } from './testDatabase';
import { requestBody, startTestServer, type TestClient, type TestServer } from './testServer';

interface MastJson {
  id: string;
  operator: string;
  lon: number;
  lat: number;
  mastType: string | null;
  heightM: number | null;
  tenants: string[];
  radiusM: number | null;
  tenantCount: number | null;
  source: { kind: string; name: string | null; importedAt: string | null; importedBy: string | null };
  capacity: { tenantSlots: number; freeSlots: number };
}

const mast = (id: string, operator: string, overrides: Partial<MastInput> = {}): MastInput => ({
  id,
  operator,
  lon: 108 + Number(id.replace(/\D/g, '') || 0) * 0.001,
  lat: 16,
  heightM: 60,
  mastType: 'A2c',
  tenants: [operator],
  ...overrides,
});

/**
 * VN25 before every test: MobiFone M-1..M-3 and Viettel V-1, V-2 from files, synthetic S-V-1 (Viettel) and S-P-1
 * (VinaPhone) from the demo file.
 */
const FIXTURE = {
  mobifone: [mast('M-1', 'MobiFone'), mast('M-2', 'MobiFone'), mast('M-3', 'MobiFone')],
  viettel: [mast('V-1', 'Viettel'), mast('V-2', 'Viettel')],
  synthetic: [mast('S-V-1', 'Viettel'), mast('S-P-1', 'VinaPhone')],
};

// On PostgreSQL every database is reachable from the import's worker thread: one variant.
const PLACES = TEST_ENGINE === 'sqlite' ? ['in memory', 'in a file'] : ['in a file'];

describe.each(PLACES)('mast import, database %s', (where) => {
  let server: TestServer;
  let dataDir: string | undefined;
  let planner: TestClient;
  let viettel: TestClient;
  let vinaphone: TestClient;

  const importMasts = (client: TestClient, towers: MastInput[], mode: string, sourceName = 'masts.csv') =>
    client.post('/api/provinces/VN25/masts/import', { towers, mode, sourceName });
  const rows = () =>
    server.db.all<Record<string, unknown>>(`SELECT ${MAST_COLUMNS} FROM masts WHERE province_id = 'VN25' ORDER BY id`);
  const listed = async (client: TestClient = planner) =>
    ((await client.get('/api/provinces/VN25/masts')).body as { masts: MastJson[] }).masts;
  const listedIds = async () => (await listed()).map((m) => m.id);
  const auditCount = async () => ((await server.db.get('SELECT COUNT(*) AS n FROM audit_log')) as { n: number }).n;

  beforeEach(async () => {
    dataDir = where === 'in a file' ? mkdtempSync(path.join(os.tmpdir(), 'cosite-import-')) : undefined;
    server = await startTestServer({ masts: 0, dataDir });
    // The file database's imports run in the worker thread; the in-memory one's on the request thread (SQLite).
    expect(server.app.cosite.mastImports === null).toBe(where === 'in memory');
    const at = server.clock.now;
    await server.db.transaction(async (tx) => {
      await upsertMasts(tx, 'VN25', FIXTURE.mobifone, at, { kind: 'file', name: 'mobifone.csv', importedBy: null });
      await upsertMasts(tx, 'VN25', FIXTURE.viettel, at, { kind: 'file', name: 'viettel-old.csv', importedBy: null });
      await upsertMasts(tx, 'VN25', FIXTURE.synthetic, at, {
        kind: 'synthetic',
        name: 'data/demo/towers.csv',
        importedBy: null,
      });
    });
    [planner, viettel, vinaphone] = await Promise.all([
      server.loggedIn('planner'),
      server.loggedIn('viettel'),
      server.loggedIn('vinaphone'),
    ]);
  });
  afterEach(async () => {
    await server.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  describe('modes (province planner)', () => {
    it('updateById: inserts new ids, updates changed ones, leaves same ones, removes nothing', async () => {
      const answer = await importMasts(
        planner,
        [mast('M-1', 'MobiFone'), mast('M-2', 'MobiFone', { heightM: 45 }), mast('M-9', 'MobiFone')],
        'updateById',
      );
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body).toEqual({
        inserted: 1,
        updated: 1,
        unchanged: 1,
        removed: 0,
        skipped: 0,
        keptWithRequests: [],
        foreignTenantsIgnored: 0,
        keptCommitted: [],
      });
      expect(await listedIds()).toEqual(['M-1', 'M-2', 'M-3', 'M-9', 'S-P-1', 'S-V-1', 'V-1', 'V-2']);
      const m2 = (await listed()).find((m) => m.id === 'M-2');
      expect(m2).toMatchObject({
        heightM: 45,
        source: { kind: 'file', name: 'masts.csv', importedBy: 'vn25-planner' },
      });
      // The unchanged mast keeps where its values came from.
      expect((await listed()).find((m) => m.id === 'M-1')?.source.name).toBe('mobifone.csv');
    });

    it('add: inserts new ids only and counts the others as skipped, unchanged in the database', async () => {
      const before = (await rows()).find((row) => (row as { id: string }).id === 'M-1');
      const answer = await importMasts(
        planner,
        [mast('M-1', 'MobiFone', { heightM: 30 }), mast('M-9', 'MobiFone'), mast('V-2', 'Viettel')],
        'add',
      );
      expect(answer.body).toEqual({
        inserted: 1,
        updated: 0,
        unchanged: 0,
        removed: 0,
        skipped: 2,
        keptWithRequests: [],
        foreignTenantsIgnored: 0,
        keptCommitted: [],
      });
      expect((await rows()).find((row) => (row as { id: string }).id === 'M-1')).toEqual(before);
    });

    it("replaceOperator: updateById, then removes the listed operators' masts the file leaves out", async () => {
      // MobiFone only: M-3 goes; Viettel's and VinaPhone's masts are not touched.
      const answer = await importMasts(
        planner,
        [mast('M-1', 'MobiFone'), mast('M-2', 'MobiFone', { tenants: ['MobiFone', 'Viettel'] })],
        'replaceOperator',
      );
      expect(answer.body).toEqual({
        inserted: 0,
        updated: 1,
        unchanged: 1,
        removed: 1,
        skipped: 0,
        keptWithRequests: [],
        foreignTenantsIgnored: 0,
        keptCommitted: [],
      });
      expect(await listedIds()).toEqual(['M-1', 'M-2', 'S-P-1', 'S-V-1', 'V-1', 'V-2']);
    });

    it('a synthetic mast confirmed by a file becomes a file mast (updated, not unchanged)', async () => {
      const answer = await importMasts(planner, [mast('S-P-1', 'VinaPhone')], 'updateById', 'vinaphone.csv');
      expect(answer.body).toMatchObject({ updated: 1, unchanged: 0 });
      expect((await listed()).find((m) => m.id === 'S-P-1')?.source).toMatchObject({ kind: 'file' });
    });

    it('refuses an id given twice, writing nothing', async () => {
      const before = await rows();
      const answer = await importMasts(planner, [mast('M-9', 'MobiFone'), mast('M-9', 'MobiFone')], 'add');
      expect(answer.status).toBe(400);
      expect((answer.body as { message: string }).message).toMatch(/towers\[1\] repeats the id "M-9" of towers\[0\]/);
      expect(await rows()).toEqual(before);
    });

    it('the planner of another province may not import here', async () => {
      const other = await server.loggedIn('otherPlanner');
      expect((await importMasts(other, [mast('M-9', 'MobiFone')], 'add')).status).toBe(403);
    });
  });

  describe('operators', () => {
    it("replace removes the operator's own masts only, never another operator's, synthetic or not", async () => {
      const others = async () =>
        (await rows()).filter((row) => !['Viettel'].includes((row as { operator: string }).operator)) as unknown[];
      const othersBefore = await others();
      const answer = await importMasts(
        viettel,
        [mast('V-1', 'Viettel'), mast('V-3', 'Viettel')],
        'replaceOperator',
        'viettel-2026.csv',
      );
      expect(answer.status, answer.text).toBe(200);
      // V-2 (file) and S-V-1 (Viettel's synthetic mast) go; M-* and S-P-1 stay exactly as they were.
      expect(answer.body).toEqual({
        inserted: 1,
        updated: 0,
        unchanged: 1,
        removed: 2,
        skipped: 0,
        keptWithRequests: [],
        foreignTenantsIgnored: 0,
        keptCommitted: [],
      });
      expect(await others()).toEqual(othersBefore);
      expect(await listedIds()).toEqual(['M-1', 'M-2', 'M-3', 'S-P-1', 'V-1', 'V-3']);
    });

    it('refuses a row of another operator with 403 naming its index and id, writing nothing', async () => {
      const before = await rows();
      const audits = await auditCount();
      const answer = await importMasts(
        viettel,
        [mast('V-1', 'Viettel', { heightM: 20 }), mast('S-P-1', 'VinaPhone', { heightM: 10 })],
        'replaceOperator',
      );
      expect(answer.status).toBe(403);
      expect((answer.body as { message: string }).message).toMatch(/towers\[1\] \(id "S-P-1"\) is a mast of VinaPhone/);
      expect(answer.body).toMatchObject({ details: { index: 1, id: 'S-P-1' } });
      expect(await rows()).toEqual(before);
      expect(await auditCount()).toBe(audits);
    });

    it("refuses with 409 an id that is another operator's mast (even synthetic), writing nothing", async () => {
      const before = await rows();
      const audits = await auditCount();
      for (const id of ['M-2', 'S-P-1']) {
        const answer = await importMasts(
          viettel,
          [mast('V-1', 'Viettel', { heightM: 20 }), mast('V-7', 'Viettel'), mast(id, 'Viettel')],
          'updateById',
        );
        expect(answer.status).toBe(409);
        expect((answer.body as { message: string }).message).toContain(`"${id}"`);
        expect(answer.body).toMatchObject({ error: 'conflict', details: { index: 2, id } });
      }
      expect(await rows()).toEqual(before);
      expect(await auditCount()).toBe(audits);
    });

    it('imports into a province that is not theirs to plan (any province), own masts only', async () => {
      // VN03 is Cao Bằng: a mast in Cao Bằng town.
      const answer = await viettel.post('/api/provinces/VN03/masts/import', {
        towers: [mast('CB-1', 'Viettel', { lon: 106.25, lat: 22.66 })],
        mode: 'add',
        sourceName: 'caobang.csv',
      });
      expect(answer.body).toMatchObject({ inserted: 1 });
    });

    it('refuses with 422 a mast far outside the province (another province, another country), writing nothing', async () => {
      const before = await rows();
      for (const [lon, lat] of [
        [2.35, 48.85], // Paris
        [105.85, 21.03], // Hà Nội
      ]) {
        const answer = await importMasts(
          viettel,
          [mast('V-9', 'Viettel'), mast('V-10', 'Viettel', { lon, lat })],
          'updateById',
        );
        expect(answer.status).toBe(422);
        expect(answer.body).toMatchObject({ error: 'outside_province', details: { index: 1, id: 'V-10' } });
      }
      expect(await rows()).toEqual(before);
      // A border mast a few km outside the boundary's box is kept: 107.15 is 0.06° (about 6 km) west of VN25's.
      const border = await importMasts(viettel, [mast('V-11', 'Viettel', { lon: 107.15, lat: 16 })], 'updateById');
      expect(border.body).toMatchObject({ inserted: 1 });
    });
    it("leaves out other operators an operator names as its masts' tenants, unless the register has them there", async () => {
      // The province records MobiFone on Viettel's V-2 (a sharing it knows of).
      await importMasts(planner, [mast('V-2', 'Viettel', { tenants: ['Viettel', 'MobiFone'] })], 'updateById');
      const answer = await importMasts(
        viettel,
        [
          // VinaPhone and MobiFone named on V-1: neither is on record there.
          mast('V-1', 'Viettel', { tenants: ['Viettel', 'VinaPhone', 'MobiFone'] }),
          // MobiFone on V-2 is on record: kept; VinaPhone is not.
          mast('V-2', 'Viettel', { tenants: ['Viettel', 'MobiFone', 'VinaPhone'] }),
        ],
        'updateById',
      );
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ foreignTenantsIgnored: 3 });
      const masts = await listed();
      expect(masts.find((m) => m.id === 'V-1')?.tenants).toEqual(['Viettel']);
      expect(masts.find((m) => m.id === 'V-2')?.tenants).toEqual(['Viettel', 'MobiFone']);
      // VinaPhone's request on V-1 still finds a free slot.
      expect((await vinaphone.post('/api/requests', requestBody('V-1'))).status).toBe(201);
      // The province may name any tenant.
      const province = await importMasts(
        planner,
        [mast('V-1', 'Viettel', { tenants: ['Viettel', 'MobiFone'] })],
        'updateById',
      );
      expect(province.body).toMatchObject({ updated: 1, foreignTenantsIgnored: 0 });
    });
    it('holds a count of operators to the same rule: no more sharing than the register records', async () => {
      // V-2 has MobiFone on record (2 operators); V-1 has Viettel alone.
      await importMasts(planner, [mast('V-2', 'Viettel', { tenants: ['Viettel', 'MobiFone'] })], 'updateById');
      await importMasts(planner, [mast('V-1', 'Viettel', { tenants: ['Viettel'] })], 'updateById');
      const answer = await importMasts(
        viettel,
        [
          mast('V-1', 'Viettel', { tenants: ['Viettel'], tenantCount: 3 }), // 2 more than on record
          mast('V-2', 'Viettel', { tenants: ['Viettel'], tenantCount: 2 }), // as on record
        ],
        'updateById',
      );
      expect(answer.body).toMatchObject({ foreignTenantsIgnored: 2 });
      const masts = await listed();
      expect(masts.find((m) => m.id === 'V-1')?.tenantCount ?? null).toBeNull();
      expect(masts.find((m) => m.id === 'V-2')?.tenantCount).toBe(2);
      // The province may give any count.
      await importMasts(planner, [mast('V-1', 'Viettel', { tenants: ['Viettel'], tenantCount: 3 })], 'updateById');
      expect((await listed()).find((m) => m.id === 'V-1')?.tenantCount).toBe(3);
    });
  });

  describe('masts with requests', () => {
    it('a mast with an approved request survives replace and is listed as kept', async () => {
      const filed = await vinaphone.post('/api/requests', requestBody('V-2'));
      expect(filed.status, filed.text).toBe(201);
      const id = (filed.body as { request: { id: string } }).request.id;
      expect((await planner.post(`/api/requests/${id}/approve`, {})).status).toBe(200);

      const answer = await importMasts(viettel, [mast('V-1', 'Viettel')], 'replaceOperator');
      expect(answer.body).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 1,
        removed: 1,
        skipped: 0,
        keptWithRequests: ['V-2'],
        foreignTenantsIgnored: 0,
        keptCommitted: [],
      });
      expect(await listedIds()).toContain('V-2');
      expect(await listedIds()).not.toContain('S-V-1');
      // The request still resolves its mast.
      expect((await vinaphone.get(`/api/requests/${id}`)).status).toBe(200);
    });

    it('a mast named only by a draft goes from the list but its row stays for the request, and can come back', async () => {
      const draft = await vinaphone.post('/api/requests', requestBody('V-2', { submit: false }));
      expect(draft.status, draft.text).toBe(201);
      const draftId = (draft.body as { request: { id: string } }).request.id;
      const answer = await importMasts(viettel, [mast('V-1', 'Viettel'), mast('S-V-1', 'Viettel')], 'replaceOperator');
      expect(answer.body).toMatchObject({ removed: 1, keptWithRequests: [], foreignTenantsIgnored: 0 });
      expect(await listedIds()).not.toContain('V-2');
      expect(await server.db.get("SELECT removed_at FROM masts WHERE id = 'V-2'")).toEqual({
        removed_at: server.clock.now.toISOString(),
      });
      // Submitting the draft now finds no mast.
      const submitted = await vinaphone.post(`/api/requests/${draftId}/submit`, {});
      expect(submitted.body).toMatchObject({ error: 'unknown_target' });
      // VinaPhone may not take the removed mast's id; Viettel brings it back (counted as inserted).
      expect((await importMasts(vinaphone, [mast('V-2', 'VinaPhone')], 'add')).status).toBe(409);
      expect((await importMasts(viettel, [mast('V-2', 'Viettel')], 'add')).body).toMatchObject({ inserted: 1 });
      expect(await listedIds()).toContain('V-2');
    });

    it("keeps operators of built requests on the mast's tenants when a file leaves them out", async () => {
      const filed = await vinaphone.post('/api/requests', requestBody('V-1'));
      const id = (filed.body as { request: { id: string } }).request.id;
      await planner.post(`/api/requests/${id}/approve`, {});
      expect((await vinaphone.post(`/api/requests/${id}/report-built`, {})).status).toBe(200);
      const answer = await importMasts(viettel, [mast('V-1', 'Viettel', { heightM: 65 })], 'updateById');
      expect(answer.body).toMatchObject({ updated: 1, keptCommitted: [] });
      expect((await listed()).find((m) => m.id === 'V-1')?.tenants).toEqual(['Viettel', 'VinaPhone']);
    });

    it("keeps where and how tall a mast others are approved on stands, whatever its owner's file says", async () => {
      const filed = await vinaphone.post('/api/requests', requestBody('V-1'));
      const id = (filed.body as { request: { id: string } }).request.id;
      expect((await planner.post(`/api/requests/${id}/approve`, {})).status).toBe(200);
      const before = (await listed()).find((m) => m.id === 'V-1');
      // Viettel moves it about 25 km, lowers it to 8 m and makes it a rooftop A1, and changes its reach.
      const moved = mast('V-1', 'Viettel', { lon: 107.95, lat: 15.8, heightM: 8, mastType: 'A1', radiusM: 900 });
      const answer = await importMasts(viettel, [moved], 'updateById');
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body).toMatchObject({ updated: 1, keptCommitted: ['V-1'] });
      const after = (await listed()).find((m) => m.id === 'V-1');
      expect(after).toMatchObject({ lon: before?.lon, lat: before?.lat, heightM: 60, mastType: 'A2c', radiusM: 900 });
      // The approval still fits the mast: its antenna height and its slot.
      expect(after?.capacity.freeSlots).toBe(before?.capacity.freeSlots);
      // A correction of a metre or two and a taller mast are taken; the province may move it.
      const nudged = await importMasts(
        viettel,
        [mast('V-1', 'Viettel', { lon: (before?.lon ?? 0) + 0.00002, heightM: 70, radiusM: 900 })],
        'updateById',
      );
      expect(nudged.body).toMatchObject({ updated: 1, keptCommitted: [] });
      expect((await listed()).find((m) => m.id === 'V-1')).toMatchObject({ heightM: 70 });
      const byProvince = await importMasts(planner, [{ ...moved, heightM: 30 }], 'updateById');
      expect(byProvince.body).toMatchObject({ updated: 1, keptCommitted: [] });
      expect((await listed()).find((m) => m.id === 'V-1')).toMatchObject({ lon: 107.95, heightM: 30, mastType: 'A1' });
      // A mast nobody is approved on is the owner's to change.
      const free = await importMasts(viettel, [mast('V-2', 'Viettel', { heightM: 8, mastType: 'A1' })], 'updateById');
      expect(free.body).toMatchObject({ updated: 1, keptCommitted: [] });
    });
  });

  it('writes one audit entry per import with mode, source name, counts and ids', async () => {
    await importMasts(viettel, [mast('V-1', 'Viettel'), mast('V-3', 'Viettel')], 'replaceOperator', 'viettel.csv');
    const audit = (await planner.get('/api/audit?entityType=masts')).body as {
      entries: { action: string; actor: { username: string }; entityId: string; newValue: unknown }[];
    };
    expect(audit.entries[0]).toEqual({
      id: expect.any(Number),
      at: server.clock.now.toISOString(),
      actor: { userId: expect.any(Number), username: 'viettel', role: 'operator' },
      provinceId: 'VN25',
      action: 'masts.import',
      entityType: 'masts',
      entityId: 'VN25',
      oldValue: null,
      newValue: {
        mode: 'replaceOperator',
        sourceName: 'viettel.csv',
        sourceKind: 'file',
        inserted: 1,
        updated: 0,
        unchanged: 1,
        removed: 2,
        skipped: 0,
        keptWithRequests: [],
        foreignTenantsIgnored: 0,
        keptCommitted: [],
        ids: ['V-1', 'V-3'],
        removedIds: ['S-V-1', 'V-2'],
      },
    });
  });

  it('GET answers radius, tenant count and the source of each mast', async () => {
    server.clock.now = new Date('2026-01-15T10:00:00.000Z');
    // The province records the count (an operator's own file claims no more sharing than the register has).
    await importMasts(planner, [mast('V-5', 'Viettel', { tenantCount: 3 })], 'updateById');
    await importMasts(
      viettel,
      [mast('V-5', 'Viettel', { radiusM: 2500, tenantCount: 3 })],
      'updateById',
      'viettel-counts.csv',
    );
    const masts = await listed(vinaphone);
    expect(masts.find((m) => m.id === 'V-5')).toMatchObject({
      radiusM: 2500,
      tenantCount: 3,
      tenants: ['Viettel'],
      source: {
        kind: 'file',
        name: 'viettel-counts.csv',
        importedAt: '2026-01-15T10:00:00.000Z',
        importedBy: 'viettel',
      },
      // A2c at 60 m: 4 slots, 3 taken by the count.
      capacity: { tenantSlots: 4, freeSlots: 1 },
    });
    expect(masts.find((m) => m.id === 'S-P-1')).toMatchObject({
      radiusM: null,
      tenantCount: null,
      source: { kind: 'synthetic', name: 'data/demo/towers.csv', importedBy: null },
    });
    const viettelOnly = (await vinaphone.get('/api/provinces/VN25/masts?operator=Viettel')).body as {
      masts: MastJson[];
    };
    expect(viettelOnly.masts.map((m) => m.id)).toEqual(['S-V-1', 'V-1', 'V-2', 'V-5']);
  });

  it('keeps what the file said of the radios: 4G, 5G tenants and reach, sectors and bands', async () => {
    const radio = {
      has4g: false,
      tenants5g: ['Viettel', 'MobiFone'],
      radius5gM: 800,
      azimuthsDeg: [0, 120, 240],
      tiltsDeg: [2, 4.5, -1],
      bands: ['1800', 'n78'],
    };
    // The province's file: MobiFone is on V-6, so its 5G is recorded; Gmobile is not on the mast and is left out.
    const first = await importMasts(
      planner,
      [
        mast('V-6', 'Viettel', {
          tenants: ['Viettel', 'MobiFone'],
          ...radio,
          tenants5g: [...radio.tenants5g, 'Gmobile'],
        }),
        mast('V-7', 'Viettel'),
      ],
      'updateById',
    );
    expect(first.status, first.text).toBe(200);
    const byId = async () =>
      new Map((await listed(vinaphone)).map((m) => [m.id, m as MastJson & Record<string, unknown>]));
    expect((await byId()).get('V-6')).toMatchObject({ ...radio, tenants5g: ['Viettel', 'MobiFone'] });
    // A file that said nothing: nulls, not defaults.
    expect((await byId()).get('V-7')).toMatchObject({
      has4g: null,
      tenants5g: null,
      radius5gM: null,
      azimuthsDeg: null,
      tiltsDeg: null,
      bands: null,
    });
    // The same file again writes nothing; a changed sector does.
    const same = await importMasts(
      planner,
      [mast('V-6', 'Viettel', { tenants: ['Viettel', 'MobiFone'], ...radio })],
      'updateById',
    );
    expect(same.body).toMatchObject({ unchanged: 1, updated: 0 });
    const turned = await importMasts(
      planner,
      [mast('V-6', 'Viettel', { tenants: ['Viettel', 'MobiFone'], ...radio, azimuthsDeg: [10, 130, 250] })],
      'updateById',
    );
    expect(turned.body).toMatchObject({ unchanged: 0, updated: 1 });

    // Viettel's own file speaks for Viettel's 5G only: it turns its own off and cannot take MobiFone's away.
    const own = await importMasts(
      viettel,
      [mast('V-6', 'Viettel', { tenants: ['Viettel', 'MobiFone'], ...radio, tenants5g: [] })],
      'updateById',
    );
    expect(own.status, own.text).toBe(200);
    expect((await byId()).get('V-6')).toMatchObject({ tenants5g: ['MobiFone'] });
    // A file of Viettel's that says nothing of 5G leaves the list as stored; one that says so puts Viettel back first.
    await importMasts(viettel, [mast('V-6', 'Viettel', { tenants: ['Viettel', 'MobiFone'] })], 'updateById');
    expect((await byId()).get('V-6')).toMatchObject({ tenants5g: ['MobiFone'], has4g: null });
    await importMasts(
      viettel,
      [mast('V-6', 'Viettel', { tenants: ['Viettel', 'MobiFone'], tenants5g: ['Viettel'] })],
      'updateById',
    );
    expect((await byId()).get('V-6')).toMatchObject({ tenants5g: ['Viettel', 'MobiFone'] });
    // Stored as JSON lists and 0/1 on either engine.
    const row = (await rows()).find((r) => r.id === 'V-6') as Record<string, unknown>;
    expect({ has4g: row.has_4g, tenants5g: row.tenants_5g }).toEqual({
      has4g: null,
      tenants5g: '["Viettel","MobiFone"]',
    });
  });

  it('refuses radio values out of range, naming the tower and the field', async () => {
    const answer = await importMasts(
      planner,
      [mast('V-8', 'Viettel'), mast('V-9', 'Viettel', { azimuthsDeg: [400] })],
      'add',
    );
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('towers.1.azimuthsDeg');
  });

  it('refuses a tenant count outside 1-8', async () => {
    const answer = await importMasts(viettel, [mast('V-5', 'Viettel', { tenantCount: 9 })], 'add');
    expect(answer.status).toBe(400);
  });
});

describe('large imports', () => {
  it('takes 100,000 masts in one request; other routes keep the default body limit', async () => {
    const server = await startTestServer({ masts: 0 });
    try {
      const planner = await server.loggedIn('planner');
      const operators = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'];
      const towers = Array.from({ length: 100_000 }, (_, i) => {
        const operator = operators[i % operators.length];
        return {
          id: `VN25-${String(i).padStart(6, '0')}`,
          operator,
          lon: Number((107.5 + (i % 1000) * 0.0007).toFixed(6)),
          lat: Number((15.5 + Math.floor(i / 1000) * 0.007).toFixed(6)),
          heightM: 30 + (i % 40),
          mastType: 'A2b',
          tenants: i % 3 === 0 ? [operator, 'Gmobile'] : [operator],
          radiusM: 2000 + (i % 2000),
          ...(i % 7 === 0 ? { tenantCount: 3 } : {}),
        };
      });
      const body = { towers, mode: 'replaceOperator', sourceName: 'vn25-all-operators.csv' };
      const bytes = Buffer.byteLength(JSON.stringify(body));

      let started = performance.now();
      const first = await planner.post('/api/provinces/VN25/masts/import', body);
      const firstMs = performance.now() - started;
      expect(first.status, first.text.slice(0, 300)).toBe(200);
      expect(first.body).toMatchObject({ inserted: 100_000, updated: 0, unchanged: 0, removed: 0 });

      started = performance.now();
      const again = await planner.post('/api/provinces/VN25/masts/import', body);
      const againMs = performance.now() - started;
      expect(again.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 100_000, removed: 0 });

      started = performance.now();
      let listed = 0;
      let pages = 0;
      let cursor: string | null = null;
      do {
        const after: string = cursor ? `&after=${encodeURIComponent(cursor)}` : '';
        const list = await planner.get(`/api/provinces/VN25/masts?limit=10000${after}`);
        const page = list.body as { masts: unknown[]; nextCursor: string | null };
        listed += page.masts.length;
        pages++;
        cursor = page.nextCursor;
      } while (cursor !== null);
      const listMs = performance.now() - started;
      expect(listed).toBe(100_000);
      expect(pages).toBe(10);

      const audit = (await server.db.get(
        "SELECT new_value FROM audit_log WHERE action = 'masts.import' ORDER BY id DESC LIMIT 1",
      )) as { new_value: string };
      expect((JSON.parse(audit.new_value) as { ids: string[] }).ids).toHaveLength(1000);

      // Files with long ids and full tenant lists are larger than the server's default limit (20 MiB): the import
      // route takes them, a route with the default limit refuses such a body.
      const tenants = Array.from({ length: 8 }, (_, i) => `Operator with a long registered name number ${i}`);
      const wide = Array.from({ length: 40_000 }, (_, i) => ({
        ...towers[i],
        id: `${'W'.repeat(90)}-${String(i).padStart(6, '0')}`,
        tenants,
        tenantCount: undefined,
      }));
      const wideBody = { towers: wide, mode: 'add', sourceName: 'wide.csv' };
      const wideBytes = Buffer.byteLength(JSON.stringify(wideBody));
      expect(wideBytes).toBeGreaterThan(20 * 1024 * 1024);
      expect(wideBytes).toBeLessThan(MAST_IMPORT_BODY_LIMIT_BYTES);
      const wideAnswer = await planner.post('/api/provinces/VN25/masts/import', wideBody);
      expect(wideAnswer.status, wideAnswer.text.slice(0, 300)).toBe(200);
      const padded = { name: 'x'.repeat(21 * 1024 * 1024) };
      expect((await planner.post('/api/provinces/VN25/plans', padded)).status).toBe(413);

      console.log(
        `mast import, 100,000 masts (${(bytes / 1e6).toFixed(1)} MB of JSON, ${Math.round(bytes / 100_000)} B a mast): ` +
          `first import ${Math.round(firstMs)} ms, same file again (all unchanged) ${Math.round(againMs)} ms, ` +
          `GET of the 100,000 masts in 10 pages ${Math.round(listMs)} ms; 40,000 wide masts ${(wideBytes / 1e6).toFixed(1)} MB accepted`,
      );
    } finally {
      await server.close();
    }
  });
});
