import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";

// Runs WAL checkpoints on a connection of its own, in a worker thread, so
// that copying the log back into the database never stalls the thread that
// handles webhooks. SQLite lets a checkpoint run while another connection
// writes.

/** Settings passed by startBackgroundCheckpoints. */
interface CheckpointWorkerData {
  path: string;
  intervalMs: number;
}

const { path, intervalMs } = workerData as CheckpointWorkerData;
const db = new Database(path);
db.pragma("busy_timeout = 1000");

const timer = setInterval(() => {
  try {
    // PASSIVE copies what it can without waiting for other connections
    // (SQLite's documented behavior); the rest is copied on a later run.
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort?.postMessage({ type: "error", message: String(error) });
  }
}, intervalMs);

parentPort?.on("message", (message: unknown) => {
  if (message === "stop") {
    clearInterval(timer);
    db.close();
    parentPort?.close();
  }
});
