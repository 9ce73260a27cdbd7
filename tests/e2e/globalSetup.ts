import { existsSync } from 'node:fs';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { type PostgresCluster, startPostgresCluster } from '../../scripts/postgresCluster';
import { buildServer } from '../../src/server/buildServer';
import { openDatabase, openPostgresDatabase } from '../../src/server/db/openDatabase';
import type { SqlDatabase } from '../../src/server/db/sqlDatabase';
import { seedDemo } from '../../src/server/seedDemo';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
  }
}

/** The password every demo account gets in the end-to-end tests (the real server's seed, in a throwaway database). */
const DEMO_PASSWORD = 'e2e-demo-password-2026';

/**
 * Serves the built app with the real CoSite server (as `npm start` does), on a free port of 127.0.0.1, with a fresh
 * database seeded with the demo accounts and masts: a throwaway PostgreSQL cluster for the `e2e` project (the whole
 * suite), SQLite in memory for `e2e-sqlite` (the files that use the server, again). Builds the app first when dist/ is missing.
 */
export default async function setup(project: TestProject) {
  if (!existsSync('dist/index.html')) await build({ logLevel: 'warn' });
  let cluster: PostgresCluster | null = null;
  let db: SqlDatabase;
  if (project.name !== 'e2e-sqlite') {
    cluster = await startPostgresCluster({ durable: false });
    db = await openPostgresDatabase(cluster.adminUrl);
  } else {
    db = await openDatabase(':memory:');
  }
  await seedDemo(db, { password: DEMO_PASSWORD });
  // Every test file signs its pages in from this one address, several files at once: the default login limit (10 a
  // minute per address, DEFAULT_LOGIN_RATE_LIMIT) would refuse the suite's own sign-ins at random, depending on which
  // files happen to overlap. The limit itself is tested in the server's tests (attackSuite, security); the page's
  // answer to a 429 in refusals.test.ts.
  const server = await buildServer({
    db,
    staticDir: 'dist',
    sweepIntervalMs: 0,
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
  });
  const address = await server.listen({ host: '127.0.0.1', port: 0 });
  project.provide('baseUrl', `${address}/`);
  project.provide('demoPassword', DEMO_PASSWORD);
  return async () => {
    await server.close();
    await db.close();
    await cluster?.destroy();
  };
}
