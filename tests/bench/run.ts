/**
 * Benchmarks (not tests): `npm run bench [name-filter]`. Runs every `tests/bench/*.bench.ts` (each exports `run()`),
 * which prints its figures beside a peer implementation run on the same data in the same run and says whether the
 * answers agree. Inputs are seeded, so every run measures the same work.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

async function main() {
  const filter = process.argv[2] ?? '';
  const directory = path.dirname(new URL(import.meta.url).pathname);
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.bench.ts') && name.includes(filter))
    .sort();
  console.log(`CoSite benchmarks: Node ${process.version}, ${process.arch}, ${new Date().toISOString().slice(0, 10)}`);
  for (const file of files) {
    console.log(`\n== ${file}`);
    const module = (await import(pathToFileURL(path.join(directory, file)).href)) as { run: () => Promise<void> };
    await module.run();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
