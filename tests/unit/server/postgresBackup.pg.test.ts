/**
 * `npm run backup` on PostgreSQL: pg_dump's custom format, taken while the database is in use, restores with
 * pg_restore into a database that holds the same rows and that the server opens as it is (schema up to date).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../src/server/db/backup';
import { schemaVersion } from '../../../src/server/db/migrate';
import { MIGRATIONS } from '../../../src/server/db/migrations';
import { openPostgresDatabase } from '../../../src/server/db/openDatabase';
import { seedDemo } from '../../../src/server/seedDemo';
import { openTestDatabase, type TestDatabase } from './testDatabase';

const FINGERPRINT = `SELECT
  (SELECT md5(string_agg(province_id || '/' || id || '/' || operator || '/' || lon || '/' || lat, ',' ORDER BY province_id, id)) FROM masts) AS masts,
  (SELECT md5(string_agg(username || '/' || password_hash, ',' ORDER BY id)) FROM users) AS users,
  (SELECT count(*) FROM audit_log) AS audit,
  (SELECT count(*) FROM backbone_lines) AS backbone`;

describe('backup on PostgreSQL', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cosite-pg-backup-'));
  let source: TestDatabase;
  let restoredName: string | null = null;
  afterAll(async () => {
    await source?.drop();
    if (restoredName) {
      const admin = new pg.Client({ connectionString: process.env.COSITE_TEST_POSTGRES_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
      await admin.end();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('dumps with pg_dump, refuses to overwrite, and restores the same rows', async () => {
    source = await openTestDatabase();
    await seedDemo(source.db, { password: 'backup-test-password' });
    const target = path.join(dir, 'cosite.dump');
    const result = await backupDatabase({ dataDir: dir, databaseUrl: source.url }, target);
    expect(result.summary).toMatch(/^pg_dump custom format, \d+ bytes$/);
    await expect(backupDatabase({ dataDir: dir, databaseUrl: source.url }, target)).rejects.toThrow(/exists already/);

    restoredName = `cosite_restored_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env.COSITE_TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${restoredName} TEMPLATE template0`);
    await admin.end();
    const restoredUrl = new URL(process.env.COSITE_TEST_POSTGRES_URL as string);
    restoredUrl.pathname = `/${restoredName}`;
    const restore = spawnSync('pg_restore', ['--exit-on-error', `--dbname=${restoredUrl.href}`, target], {
      encoding: 'utf8',
    });
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);

    const restored = await openPostgresDatabase(restoredUrl.href);
    try {
      expect(await schemaVersion(restored)).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
      const before = await source.db.get<Record<string, unknown>>(FINGERPRINT);
      const after = await restored.get<Record<string, unknown>>(FINGERPRINT);
      expect(after).toEqual(before);
      expect(before).toMatchObject({ audit: expect.any(Number), backbone: expect.any(Number) });
      expect((before as { backbone: number }).backbone).toBeGreaterThan(0);
    } finally {
      await restored.close();
    }
  });
});
