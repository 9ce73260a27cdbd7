/**
 * A CoSite server for tests: in-memory database (or a file one), a movable clock, test accounts and test masts, and clients that keep
 * their cookies and CSRF token like a browser does. Requests go through fastify's inject (no network).
 */
import type { FastifyInstance } from 'fastify';
import type { NewUser } from '../../../src/server/auth/users';
import { createUser } from '../../../src/server/auth/users';
import { buildServer, type ServerOptions } from '../../../src/server/buildServer';
import type { SqlDatabase } from '../../../src/server/db/sqlDatabase';
import { upsertMasts } from '../../../src/server/store/masts';
import { openTestDatabase } from './testDatabase';

export const TEST_PASSWORD = 'test-password-1';
/** Cheap scrypt for test accounts (the server's default takes ~100 ms a hash). */
export const TEST_SCRYPT_COST = { N: 1024, r: 8, p: 1 };

export const TEST_ACCOUNTS = {
  ministry: { username: 'ministry', role: 'ministry' },
  planner: { username: 'vn25-planner', role: 'province', provinceId: 'VN25' },
  otherPlanner: { username: 'vn01-planner', role: 'province', provinceId: 'VN01' },
  viettel: { username: 'viettel', role: 'operator', operator: 'Viettel' },
  vinaphone: { username: 'vinaphone', role: 'operator', operator: 'VinaPhone' },
} as const satisfies Record<string, Omit<NewUser, 'password'>>;
export type AccountName = keyof typeof TEST_ACCOUNTS;

/** Test masts: `count` A2c masts of MobiFone (60 m, 4 slots) in VN25, ids T-0000.., and two in VN01. */
export function testMasts(count: number, prefix = 'T') {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${String(i).padStart(4, '0')}`,
    operator: 'MobiFone',
    lon: 108 + i * 0.001,
    lat: 16,
    heightM: 60,
    mastType: 'A2c' as const,
    tenants: ['MobiFone'],
  }));
}

export interface TestResponse {
  status: number;
  body: unknown;
  text: string;
  headers: Record<string, unknown>;
}

export class TestClient {
  private cookies = new Map<string, string>();
  csrfToken: string | null = null;

  constructor(private readonly app: FastifyInstance) {}

  /** The Cookie header this client sends (for requests made outside inject). */
  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(
    method: string,
    url: string,
    body?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string>; remoteAddress?: string } = {},
  ): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader;
    if ((options.csrf ?? true) && this.csrfToken && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const response = await this.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
      ...(body === undefined ? {} : { payload: body as object }),
    });
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const cleared = cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now());
      if (cleared) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    let parsed: unknown = null;
    try {
      parsed = response.body ? JSON.parse(response.body) : null;
    } catch {
      parsed = null;
    }
    const token = (parsed as { csrfToken?: unknown } | null)?.csrfToken;
    if (typeof token === 'string') this.csrfToken = token;
    return { status: response.statusCode, body: parsed, text: response.body, headers: response.headers };
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body: unknown = {}) => this.request('POST', url, body);
  put = (url: string, body: unknown) => this.request('PUT', url, body);
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);
  delete = (url: string) => this.request('DELETE', url);

  async fetchCsrf(): Promise<void> {
    await this.get('/api/csrf');
  }

  async login(username: string, password = TEST_PASSWORD): Promise<TestResponse> {
    await this.fetchCsrf();
    return this.post('/api/session', { username, password });
  }
}

export interface TestServer {
  app: FastifyInstance;
  db: SqlDatabase;
  /** The PostgreSQL database's URL (another process can serve it too), or null on SQLite. */
  databaseUrl: string | null;
  clock: { now: Date };
  client(): TestClient;
  loggedIn(account: AccountName): Promise<TestClient>;
  close(): Promise<void>;
}

/**
 * On the test project's engine (testDatabase.ts). `dataDir`: on SQLite, a folder for a database file (a mast import
 * then runs in its worker thread); in memory by default. On PostgreSQL each server gets a new database.
 */
export async function startTestServer(options: Partial<ServerOptions> & { masts?: number } = {}): Promise<TestServer> {
  const { db, url, drop } = await openTestDatabase({ dataDir: options.dataDir });
  const clock = { now: new Date('2026-01-15T08:00:00.000Z') };
  for (const account of Object.values(TEST_ACCOUNTS)) {
    await createUser(db, { ...account, password: TEST_PASSWORD }, clock.now, TEST_SCRYPT_COST);
  }
  await db.transaction(async (tx) => {
    await upsertMasts(tx, 'VN25', testMasts(options.masts ?? 200), clock.now);
    await upsertMasts(tx, 'VN01', testMasts(2, 'X'), clock.now);
  });
  const app = await buildServer({
    db,
    now: () => clock.now,
    sweepIntervalMs: 0,
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
    passwordCost: TEST_SCRYPT_COST,
    writeRateLimit: { perUser: 100_000, perAddress: 100_000, timeWindowMs: 60_000 },
    ...options,
  });
  await app.ready();
  const server: TestServer = {
    app,
    db,
    databaseUrl: url,
    clock,
    client: () => new TestClient(app),
    loggedIn: async (account) => {
      const client = new TestClient(app);
      const response = await client.login(TEST_ACCOUNTS[account].username);
      if (response.status !== 200) throw new Error(`login of ${account} failed: ${response.text}`);
      return client;
    },
    close: async () => {
      await app.close();
      await drop();
    },
  };
  return server;
}

/** A valid co-location request body for a test mast. */
export function requestBody(mastId: string, overrides: Record<string, unknown> = {}) {
  return {
    provinceId: 'VN25',
    target: { kind: 'mast', mastId },
    equipment: '3 x AAU 64T64R',
    antennaHeightM: 40,
    band: 'n41',
    windLoadAreaM2: 1.5,
    weightKg: 120,
    ...overrides,
  };
}

/** A browser's fetch against the in-process server: cookies kept, headers (Retry-After) passed on. */
export function browserFetch(server: TestServer): typeof fetch {
  const cookies = new Map<string, string>();
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
    if (cookies.size > 0) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await server.app.inject({
      method: (init.method ?? 'GET') as 'GET',
      url: String(input),
      headers,
      ...(init.body === undefined ? {} : { payload: init.body as string }),
    });
    for (const cookie of response.cookies as { name: string; value: string }[]) {
      if (cookie.value === '') cookies.delete(cookie.name);
      else cookies.set(cookie.name, cookie.value);
    }
    const answerHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) answerHeaders.set(name, String(value));
    }
    return new Response(response.statusCode === 204 ? null : response.body, {
      status: response.statusCode,
      headers: answerHeaders,
    });
  }) as typeof fetch;
}
