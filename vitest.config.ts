import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // *.pg.test.ts start their own PostgreSQL clusters: they run once, in server-pg.
          exclude: ['tests/unit/**/*.pg.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The server's tests again, on PostgreSQL (a throwaway cluster per run), except those about SQLite's file.
        test: {
          name: 'server-pg',
          include: ['tests/unit/server/**/*.test.ts', 'tests/unit/app/describeApiError.test.ts'],
          exclude: ['tests/unit/server/database.test.ts'],
          environment: 'node',
          globalSetup: ['tests/unit/server/postgresGlobalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The whole end-to-end suite, with the server on PostgreSQL (a throwaway cluster, see tests/e2e/globalSetup.ts).
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/globalSetup.ts'],
          fileParallelism: false,
          // After the unit tests, not beside them: the end-to-end tests measure the page's long tasks and timings.
          sequence: { groupOrder: 1 },
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The end-to-end tests that use the server (sign-in, requests, imports to the server, the ministry) again,
        // with the server on SQLite, the default of `npm start`.
        test: {
          name: 'e2e-sqlite',
          include: [
            'tests/e2e/ministry.test.ts',
            'tests/e2e/operatorList.test.ts',
            'tests/e2e/refusals.test.ts',
            'tests/e2e/requests.test.ts',
          ],
          environment: 'node',
          globalSetup: ['tests/e2e/globalSetup.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
