/**
 * The mast import's worker thread (see MastImportThread): its own connection to the server's database (a SQLite file
 * or a PostgreSQL URL), one job at a time. On SQLite, WAL mode lets the request thread's connection go on reading
 * while this one writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openWorkerConnection } from '../db/openDatabase';
import { type MastImportJob, runMastImportJob } from './mastImportJob';

export type MastImportMessage = { type: 'job'; id: number; job: MastImportJob } | { type: 'close' };
export type MastImportReply =
  | { id: number; outcome: Awaited<ReturnType<typeof runMastImportJob>> }
  | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('mastImportWorker.ts runs as a worker thread (MastImportThread)');
const db = openWorkerConnection((workerData as { databaseFile: string }).databaseFile);
// Jobs one after the other, as they came.
let queue: Promise<void> = Promise.resolve();

port.on('message', (message: MastImportMessage) => {
  queue = queue.then(() => handle(message));
});

async function handle(message: MastImportMessage): Promise<void> {
  if (message.type === 'close') {
    await db.close();
    port?.close();
    return;
  }
  let reply: MastImportReply;
  try {
    reply = { id: message.id, outcome: await runMastImportJob(db, message.job) };
  } catch (error) {
    reply = { id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port?.postMessage(reply);
}
