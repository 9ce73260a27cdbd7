import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkLayers, moduleReferences } from './checkLayers';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LAYERED_FOLDERS = ['src', 'workers'];

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).replaceAll('\\', '/'));
}

describe('the layers', () => {
  it('no file in src or workers imports across a layer the wrong way', () => {
    const files = LAYERED_FOLDERS.flatMap(sourceFiles).map((file) => ({
      file,
      text: readFileSync(join(ROOT, file), 'utf8'),
    }));
    expect(files.filter((entry) => entry.file.startsWith('src/core/')).length).toBeGreaterThan(100);
    expect(files.some((entry) => entry.file === 'workers/analysisApi.ts')).toBe(true);
    expect(checkLayers(files)).toEqual([]);
  });
});

describe('the layer checker', () => {
  const rulesBroken = (file: string, text: string) => checkLayers([{ file, text }]).map((violation) => violation.rule);

  it('fails a worker that imports the app (the import that issue 16 removed)', () => {
    const violations = checkLayers([
      { file: 'workers/analysisApi.ts', text: "import { fetchOk } from '../src/app/data/fetchOk';\n" },
    ]);
    expect(violations).toEqual([
      {
        file: 'workers/analysisApi.ts',
        line: 1,
        specifier: '../src/app/data/fetchOk',
        rule: 'workers/ do not import src/app',
      },
    ]);
  });

  it('fails the core when it imports the app, the server, the CLI, the workers or the data folder', () => {
    const file = 'src/core/coverage/example.ts';
    for (const specifier of [
      '../../app/map/MapView',
      '../../server/buildServer',
      '../../cli/main',
      '../../../workers/analysisApi',
      '../../../data/derive',
    ]) {
      expect(rulesBroken(file, `import type { X } from '${specifier}';`)).toEqual([
        'src/core imports nothing outside src/core (npm packages and node built-ins only)',
      ]);
    }
    expect(rulesBroken(file, "const m = await import('../../app/x');")).toHaveLength(1);
    expect(rulesBroken(file, "export * from '../../app/x';")).toHaveLength(1);
  });

  it('lets the core import itself, npm packages and node built-ins', () => {
    const text = [
      "import { z } from 'zod';",
      "import { readFileSync } from 'node:fs';",
      "import highsUrl from 'highs/runtime?url';",
      "import type { Tower } from '../model/tower';",
      "import { x } from './sibling';",
    ].join('\n');
    expect(rulesBroken('src/core/coverage/example.ts', text)).toEqual([]);
  });

  it('fails the CLI when it imports the app', () => {
    expect(rulesBroken('src/cli/commands/coverage.ts', "import { x } from '../../app/data/runCoverage';")).toEqual([
      'src/cli does not import src/app',
    ]);
  });

  it("lets the app import the server's API types as types only", () => {
    const app = 'src/app/requests/RequestsPanel.tsx';
    expect(rulesBroken(app, "import type { Role } from '../../server/auth/sessionUser';")).toEqual([]);
    expect(
      rulesBroken(app, "import { type RequestState } from '../../server/domain/colocationRequestStateMachine';"),
    ).toEqual([]);
    expect(rulesBroken(app, "type P = import('../../server/domain/planDocument').PlanDocument;")).toEqual([]);
    // a value from an API type file, and a type from the server's internals
    expect(rulesBroken(app, "import { ROLES } from '../../server/auth/sessionUser';")).toHaveLength(1);
    expect(rulesBroken(app, "import { type Role, ROLES } from '../../server/auth/sessionUser';")).toHaveLength(1);
    expect(rulesBroken(app, "import type { AppContext } from '../../server/http/appContext';")).toHaveLength(1);
  });

  it("resolves each import against its file: src/app/server is the app's own client, not the server", () => {
    expect(
      rulesBroken('src/app/requests/RequestsPanel.tsx', "import { apiClient } from '../server/apiClient';"),
    ).toEqual([]);
    expect(rulesBroken('src/app/App.tsx', "import { buildServer } from '../server/buildServer';")).toHaveLength(1);
  });

  it('counts worker entries and assets named with new URL(.., import.meta.url)', () => {
    expect(
      moduleReferences('workers/x.ts', "new Worker(new URL('./analysis.worker.ts', import.meta.url));").map(
        (reference) => reference.specifier,
      ),
    ).toEqual(['./analysis.worker.ts']);
  });
});
