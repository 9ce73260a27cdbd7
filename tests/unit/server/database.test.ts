/** The SQLite database: versioned migrations, WAL and synchronous=FULL, the province list, online backup. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../src/server/db/backup';
import { migrate, schemaVersion } from '../../../src/server/db/migrate';
import { MIGRATIONS } from '../../../src/server/db/migrations';
import { DATABASE_FILE_NAME, openDatabase } from '../../../src/server/db/openDatabase';
import { SqliteDatabase } from '../../../src/server/db/sqliteDatabase';
import { PROVINCES } from '../../../src/server/provinces';

describe('database', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cosite-db-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the file in WAL mode with synchronous=FULL and foreign keys, migrated to the newest version', async () => {
    const dir = tempDir();
    const db = await openDatabase(dir);
    expect(db.connection.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.connection.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.connection.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(await schemaVersion(db)).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    await db.close();
    const again = await openDatabase(dir);
    expect(await migrate(again)).toEqual([]);
    await again.close();
  });

  it('applies only new migrations, and refuses a database from a newer server', async () => {
    const db = new SqliteDatabase(new Database(':memory:'));
    expect(await migrate(db, MIGRATIONS.slice(0, 1))).toEqual([1]);
    expect(await migrate(db)).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    await db.run("INSERT INTO schema_migrations VALUES (999, 'future', 'x')");
    await expect(migrate(db)).rejects.toThrow(/schema version 999, newer than this server knows/);
  });

  it('rolls a failing migration back entirely', async () => {
    const db = new SqliteDatabase(new Database(':memory:'));
    await migrate(db);
    const broken = [
      ...MIGRATIONS,
      { version: 100, name: 'broken', sqlite: 'CREATE TABLE t (x); INSERT INTO nope VALUES (1);', postgres: '' },
    ];
    await expect(migrate(db, broken)).rejects.toThrow();
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 't'")).toBeUndefined();
    expect(await schemaVersion(db)).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
  });

  it('migration 3 marks the demo seed masts of an existing database synthetic, other masts file', async () => {
    const db = new SqliteDatabase(new Database(':memory:'));
    await migrate(db, MIGRATIONS.slice(0, 2));
    const insert = `INSERT INTO masts (province_id, id, operator, lon, lat, tenants, updated_at)
       VALUES (?, ?, 'Viettel', 108, 16, '["Viettel"]', '2025-12-01T00:00:00.000Z')`;
    await db.run(insert, ['VN25', 'VN25-000001']);
    await db.run(insert, ['VN25', 'BTS-DN-1']);
    await migrate(db);
    expect(await db.all('SELECT id, source_kind, source_name, imported_at FROM masts ORDER BY id')).toEqual([
      { id: 'BTS-DN-1', source_kind: 'file', source_name: null, imported_at: '2025-12-01T00:00:00.000Z' },
      {
        id: 'VN25-000001',
        source_kind: 'synthetic',
        source_name: 'data/demo/towers.csv',
        imported_at: '2025-12-01T00:00:00.000Z',
      },
    ]);
  });

  it('knows the 34 provinces of the demo dataset', () => {
    const geojson = JSON.parse(readFileSync('data/demo/provinces-34.geojson', 'utf8')) as {
      features: { properties: { code: string; name: string } }[];
    };
    const fromData = geojson.features.map((f) => ({ id: f.properties.code, name: f.properties.name }));
    expect([...PROVINCES].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      fromData.sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('backs up online into a consistent copy and never overwrites a file', async () => {
    const dir = tempDir();
    const db = await openDatabase(dir);
    await db.run("UPDATE provinces SET lapse_months = 7 WHERE id = 'VN25'");
    const target = path.join(dir, 'backup', 'copy.sqlite');
    const result = await backupDatabase({ dataDir: dir }, target);
    expect(result.summary).toMatch(/^[1-9]\d* pages$/);
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare("SELECT lapse_months FROM provinces WHERE id = 'VN25'").get()).toEqual({ lapse_months: 7 });
    copy.close();
    await expect(backupDatabase({ dataDir: dir }, target)).rejects.toThrow(/exists already/);
    await expect(backupDatabase({ dataDir: tempDir() }, path.join(dir, 'x.sqlite'))).rejects.toThrow(/no database/);
    await db.close();
    expect(DATABASE_FILE_NAME).toBe('cosite.sqlite');
  });
});
