/**
 * The real server as a child process (node --import tsx src/server/main.ts), on 127.0.0.1 with a free port, and a
 * small cookie-keeping HTTP client for it. Used by the crash test and the load test. One process, no tsx wrapper
 * process in between, so SIGKILL hits the server itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
export const DEMO_PASSWORD = 'demo-password-for-tests';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  kill: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** `databaseUrl`: serve this PostgreSQL database instead of SQLite in `dataDir`. */
export async function startServerProcess(
  dataDir: string,
  options: { demo?: boolean; databaseUrl?: string | null } = {},
): Promise<ServerProcess> {
  const args = ['--import', 'tsx', 'src/server/main.ts', '--data-dir', dataDir, '--port', '0', '--static', ''];
  if (options.databaseUrl) args.push('--database-url', options.databaseUrl);
  if (options.demo) args.push('--demo');
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    // The load and crash tests send hundreds of writes a second from one account: lift the write rate limit.
    env: { ...process.env, COSITE_DEMO_PASSWORD: DEMO_PASSWORD, COSITE_LOG: '', COSITE_WRITE_RATE_LIMIT: '1000000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const onData = () => {
      const match = /CoSite server: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    exited,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A logged-in HTTP client of a server process (fetch on 127.0.0.1 with its cookies and CSRF token). */
export class HttpSession {
  cookies = new Map<string, string>();
  csrfToken = '';

  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(method: string, url: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(this.baseUrl + url, {
      method,
      headers: {
        cookie: this.cookieHeader,
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrfToken }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair.indexOf('=');
      this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as { csrfToken?: string }) : null;
    if (parsed?.csrfToken) this.csrfToken = parsed.csrfToken;
    return { status: response.status, body: parsed };
  }

  /** The same signed-in session (cookies, CSRF token) sent to another server process. */
  on(baseUrl: string): HttpSession {
    const other = new HttpSession(baseUrl);
    other.cookies = this.cookies;
    other.csrfToken = this.csrfToken;
    return other;
  }

  static async login(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<HttpSession> {
    const session = new HttpSession(baseUrl);
    await session.request('GET', '/api/csrf');
    const response = await session.request('POST', '/api/session', { username, password });
    if (response.status !== 200)
      throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
    return session;
  }
}

interface MastCapacityJson {
  freeSlots: number;
  freeWindLoadAreaM2: number;
  freeEquipmentWeightKg: number;
  maxAntennaHeightM: number | null;
}

/**
 * Masts of VN25 that `operator` is not on and that can take a request of the given size (targets for new requests):
 * 12 m antennas, 0.8 m², 60 kg by default.
 */
export async function requestableMasts(
  session: HttpSession,
  operator: string,
  load = { antennaHeightM: 12, windLoadAreaM2: 0.8, weightKg: 60 },
): Promise<string[]> {
  const { body } = await session.request('GET', '/api/provinces/VN25/masts');
  const masts = (body as { masts: { id: string; tenants: string[]; capacity: MastCapacityJson }[] }).masts;
  return masts
    .filter(
      ({ tenants, capacity }) =>
        !tenants.includes(operator) &&
        capacity.freeSlots > 0 &&
        capacity.freeWindLoadAreaM2 >= load.windLoadAreaM2 &&
        capacity.freeEquipmentWeightKg >= load.weightKg &&
        (capacity.maxAntennaHeightM ?? Number.POSITIVE_INFINITY) >= load.antennaHeightM,
    )
    .map((mast) => mast.id);
}
