/**
 * Whole-process start of the command line against a plain single-file Node script doing the same job (a free-space
 * path loss printed as JSON), timed alternately in one run: the built `cosite` (bin/cosite.mjs, built JavaScript), the
 * same through `npm run --silent cli` (npm's own start included) and, for the record, the TypeScript entry under tsx
 * (how `npm run cli` ran before). Target: the built command under 3 times the plain script.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ARGS = ['pathloss', '--model', 'fspl', '--frequency-mhz', '1800', '--distance-m', '1000', '--json'];

function timeMs(command: string, args: string[]): { ms: number; stdout: string } {
  const started = performance.now();
  const stdout = execFileSync(command, args, { cwd: root, encoding: 'utf8' });
  return { ms: performance.now() - started, stdout };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function run(): Promise<void> {
  const plain = join(mkdtempSync(join(tmpdir(), 'cosite-bench-')), 'pathloss.mjs');
  writeFileSync(
    plain,
    'const f = 1800, d = 1000;\n' +
      'const loss = 20 * Math.log10(d / 1000) + 20 * Math.log10(f) + 32.4478;\n' +
      'process.stdout.write(JSON.stringify({ path_loss_db: Math.round(loss * 1000) / 1000 }) + "\\n");\n',
  );
  timeMs('node', ['bin/cosite.mjs', ...ARGS]); // builds dist-cli/ when the sources changed
  const times: Record<string, number[]> = { plain: [], built: [], npm: [], tsx: [] };
  let built = '';
  let peer = '';
  for (let round = 0; round < 7; round++) {
    const p = timeMs('node', [plain]);
    peer = p.stdout;
    times.plain.push(p.ms);
    const b = timeMs('node', ['bin/cosite.mjs', ...ARGS]);
    built = b.stdout;
    times.built.push(b.ms);
    times.npm.push(timeMs('npm', ['run', '--silent', 'cli', '--', ...ARGS]).ms);
    if (round < 3) times.tsx.push(timeMs('node', ['--import', 'tsx', 'src/cli/main.ts', ...ARGS]).ms);
  }
  const base = median(times.plain);
  const line = (label: string, values: number[]) =>
    `  ${label.padEnd(44)} ${median(values).toFixed(0).padStart(5)} ms   ${(median(values) / base).toFixed(1)}x the plain script`;
  console.log('cosite pathloss --model fspl (a trivial command), whole process, medians of 7 alternating runs');
  console.log(`  ${'plain node script'.padEnd(44)} ${base.toFixed(0).padStart(5)} ms`);
  console.log(line('node bin/cosite.mjs (the built `cosite`)', times.built));
  console.log(`${line('npm run --silent cli', times.npm)} (npm's own start included)`);
  console.log(line('tsx src/cli/main.ts (before)', times.tsx));
  const ratio = median(times.built) / base;
  console.log(`  target: built under 3x the plain script: ${ratio < 3 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}x)`);
  const same = JSON.parse(built).path_loss_db === JSON.parse(peer).path_loss_db;
  console.log(`  same path loss as the plain script: ${same}`);
}
