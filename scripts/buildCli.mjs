// Builds the command line (src/cli/main.ts) into plain JavaScript under dist-cli/, one chunk per command, packages left
// to node_modules: `node bin/cosite.mjs` then starts without compiling TypeScript. Run by bin/cosite.mjs when the
// sources are newer than the build; `node scripts/buildCli.mjs` builds on demand.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const BUNDLED = ['geotiff', 'pako', 'zstddec', 'proj4', '@xmldom/xmldom', 'fflate', 'shpjs', '@tmcw/togeojson'];
const distDir = join(root, 'dist-cli');

/** Builds into a fresh folder and points dist-cli/current.json at it (an atomic rename): concurrent runs are safe. */
export async function buildCli() {
  mkdirSync(distDir, { recursive: true });
  const name = `build-${Date.now()}-${process.pid}`;
  await build({
    entryPoints: [join(root, 'src/cli/main.ts')],
    outdir: join(distDir, name),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages stay in node_modules, except the few the data commands load on every run: bundled, they start without
    // Node resolving dozens of module files (geotiff) or scanning CommonJS for its exports (proj4, xmldom, shpjs's own proj4).
    external: Object.keys(dependencies).filter((name) => !BUNDLED.includes(name)),
    logLevel: 'warning',
  });
  const pointer = join(distDir, `current-${process.pid}.json`);
  writeFileSync(pointer, JSON.stringify({ build: name }));
  renameSync(pointer, join(distDir, 'current.json'));
  // Builds older than an hour and not current are left over from earlier sources.
  for (const entry of readdirSync(distDir)) {
    if (!entry.startsWith('build-') || entry === name) continue;
    const path = join(distDir, entry);
    if (Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
  return join(distDir, name, 'main.js');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCli();
}
