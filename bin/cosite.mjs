#!/usr/bin/env node
// The `cosite` command: runs the built command line (dist-cli/), building it first when it is missing or older than
// the sources it comes from (src/, package.json, scripts/buildCli.mjs), so the same sources always give the same
// command.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestSourceMs() {
  // The build script too: a change to what it bundles changes the command.
  let newest = Math.max(
    statSync(join(root, 'package.json')).mtimeMs,
    statSync(join(root, 'scripts', 'buildCli.mjs')).mtimeMs,
  );
  const stack = [join(root, 'src')];
  while (stack.length > 0) {
    const folder = stack.pop();
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function currentBuild() {
  try {
    const pointer = join(root, 'dist-cli', 'current.json');
    const { build } = JSON.parse(readFileSync(pointer, 'utf8'));
    const main = join(root, 'dist-cli', build, 'main.js');
    return statSync(pointer).mtimeMs >= newestSourceMs() && statSync(main).isFile() ? main : null;
  } catch {
    return null;
  }
}

const main = currentBuild() ?? (await (await import('../scripts/buildCli.mjs')).buildCli());
await import(pathToFileURL(main).href);
