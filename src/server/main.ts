import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildServer } from './buildServer';
import { backupDatabase } from './db/backup';
import { openServerDatabase } from './db/openDatabase';
import { DEFAULT_WRITE_RATE_LIMIT, type WriteRateLimit } from './http/writeRateLimits';
import { hasAnyUser, type SeedResult, seedDemo } from './seedDemo';

const USAGE = `usage: tsx src/server/main.ts [serve|seed|backup] [flags]
  serve (default)   run the server
    --host HOST         address to listen on (default 127.0.0.1)
    --port PORT         port (default 4173; 0 picks a free one)
    --data-dir DIR      SQLite database folder (default ./var)
    --database-url URL  a postgres:// URL: run on PostgreSQL (+ PostGIS) instead of SQLite (COSITE_DATABASE_URL)
    --static DIR        built app to serve (default dist when it exists; --static "" for the API only)
    --secure-cookies    mark cookies Secure: required when users reach the server over HTTPS
    --trust-proxy       trust X-Forwarded-For from reverse proxies on loopback (the client address is then the
                        right-most hop that is not a trusted proxy)
    --trusted-proxies LIST  the trusted proxies instead of loopback: comma-separated addresses, CIDR ranges or
                        loopback, linklocal, uniquelocal (implies --trust-proxy)
    --write-rate-limit N[,M]  state-changing requests a minute per account (N, default 120) and per address
                        (M, default 300)
    --demo              when the database has no accounts yet, create the demo accounts and masts first
  seed              create the demo accounts (VN25 planner, ministry, one per operator) and load the demo masts
    --data-dir DIR | --database-url URL
  backup FILE       online backup of the database into FILE (safe while the server runs): SQLite's backup API,
                    or pg_dump's custom format on PostgreSQL (restore with pg_restore)
    --data-dir DIR | --database-url URL
Environment: COSITE_DEMO_PASSWORD sets every demo account's password (else random ones are printed once),
COSITE_SECURE_COOKIES=1 is --secure-cookies, COSITE_TRUSTED_PROXIES=LIST is --trusted-proxies LIST,
COSITE_WRITE_RATE_LIMIT=N[,M] is --write-rate-limit N[,M], COSITE_LOG=1 logs every request.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4173' },
      'data-dir': { type: 'string', default: './var' },
      'database-url': { type: 'string', default: process.env.COSITE_DATABASE_URL || undefined },
      static: { type: 'string' },
      'secure-cookies': { type: 'boolean', default: process.env.COSITE_SECURE_COOKIES === '1' },
      'trust-proxy': { type: 'boolean', default: false },
      'trusted-proxies': { type: 'string', default: process.env.COSITE_TRUSTED_PROXIES || undefined },
      'write-rate-limit': { type: 'string', default: process.env.COSITE_WRITE_RATE_LIMIT || undefined },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command = 'serve', ...rest] = positionals;
  const dataDir = values['data-dir'];
  const databaseUrl = values['database-url'] ?? null;
  const demoPassword = process.env.COSITE_DEMO_PASSWORD || undefined;

  if (command === 'seed') {
    const db = await openServerDatabase({ dataDir, databaseUrl });
    try {
      printSeed(await seedDemo(db, { password: demoPassword }), Boolean(demoPassword));
    } finally {
      await db.close();
    }
    return 0;
  }
  if (command === 'backup') {
    const target = rest[0];
    if (!target) throw new Error('backup needs a target file: backup FILE');
    const result = await backupDatabase({ dataDir, databaseUrl }, target);
    process.stdout.write(`backup written to ${path.resolve(target)} (${result.summary})\n`);
    return 0;
  }
  if (command !== 'serve') throw new Error(`unknown command "${command}"\n${USAGE}`);

  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port} is not a port`);
  // Without --static: serve dist when it holds a build, else the API alone (say so).
  let staticDir = values.static ?? 'dist';
  if (values.static === undefined && !existsSync(path.join(staticDir, 'index.html'))) {
    process.stderr.write('no built app in dist (run "vite build"): serving the API only\n');
    staticDir = '';
  }
  const db = await openServerDatabase({ dataDir, databaseUrl });
  if (values.demo && !(await hasAnyUser(db)))
    printSeed(await seedDemo(db, { password: demoPassword }), Boolean(demoPassword));
  const app = await buildServer({
    db,
    staticDir: staticDir === '' ? null : staticDir,
    secureCookies: values['secure-cookies'],
    trustProxy: trustProxyOption(values['trust-proxy'], values['trusted-proxies']),
    writeRateLimit: writeRateLimitOption(values['write-rate-limit']),
    logger: process.env.COSITE_LOG === '1',
  });
  await app.listen({ host: values.host, port });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = values.host.includes(':') ? `[${values.host}]` : values.host;
  process.stdout.write(`CoSite server: http://${shownHost}:${actualPort}/\n`);
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

function trustProxyOption(trust: boolean, list: string | undefined): boolean | string[] {
  if (list === undefined) return trust;
  const proxies = list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (proxies.length === 0) throw new Error('--trusted-proxies needs at least one address, range or name');
  return proxies;
}

function writeRateLimitOption(text: string | undefined): WriteRateLimit | undefined {
  if (text === undefined) return undefined;
  const [perUser, perAddress = String(Math.max(Number(perUser), DEFAULT_WRITE_RATE_LIMIT.perAddress))] =
    text.split(',');
  const limit = { perUser: Number(perUser), perAddress: Number(perAddress), timeWindowMs: 60_000 };
  if (![limit.perUser, limit.perAddress].every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error(`--write-rate-limit ${text}: give N or N,M (positive whole numbers a minute)`);
  }
  return limit;
}

function printSeed(result: SeedResult, passwordFromEnv: boolean) {
  const { masts } = result;
  process.stdout.write(
    `demo masts in VN25: ${masts.inserted} new, ${masts.updated} updated, ${masts.unchanged} unchanged, ${masts.rejected} rows rejected\n`,
  );
  if (result.created.length === 0) {
    process.stdout.write('demo accounts exist already (passwords unchanged)\n');
    return;
  }
  process.stdout.write(
    passwordFromEnv
      ? 'demo accounts created (password from COSITE_DEMO_PASSWORD):\n'
      : 'demo accounts created; these passwords are shown only now:\n',
  );
  for (const account of result.created) {
    const password = passwordFromEnv ? '' : `  ${account.password}`;
    process.stdout.write(`  ${account.username.padEnd(14)} ${account.role.padEnd(9)}${password}\n`);
  }
}

main(process.argv.slice(2)).then(
  (status) => {
    if (status !== 0) process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`cosite server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
