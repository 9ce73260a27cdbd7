// Starts a worker thread's TypeScript module (workerData.entry, a file URL) through tsx, which a worker does not
// always inherit: under `tsx src/server/main.ts` it does, under vitest it does not. See mastImportThread.ts.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
