/**
 * The mast import's worker thread (see MastImportThread): its own connection to the server's database file, one
 * job at a time. WAL mode lets the request thread's connection go on reading while this one writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openWorkerConnection } from '../db/openDatabase';
import { type MastImportJob, runMastImportJob } from './mastImportJob';

export type MastImportMessage = { type: 'job'; id: number; job: MastImportJob } | { type: 'close' };
export type MastImportReply =
  | { id: number; outcome: ReturnType<typeof runMastImportJob> }
  | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('mastImportWorker.ts runs as a worker thread (MastImportThread)');
const db = openWorkerConnection((workerData as { databaseFile: string }).databaseFile);

port.on('message', (message: MastImportMessage) => {
  if (message.type === 'close') {
    db.close();
    port.close();
    return;
  }
  let reply: MastImportReply;
  try {
    reply = { id: message.id, outcome: runMastImportJob(db, message.job) };
  } catch (error) {
    reply = { id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
