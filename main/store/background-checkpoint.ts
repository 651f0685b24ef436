import { extname, join } from "node:path";
import { Worker } from "node:worker_threads";

import type { Logger } from "../log/logger";
import type { Db } from "./database";

/** How often the worker copies the WAL back into the database file. */
const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * Moves WAL checkpoints off the listener's thread. SQLite's automatic
 * checkpoint runs inside a commit and delays webhook responses, so it is
 * turned off on `db` and a worker checkpoints every second instead.
 * Returns the function that stops the worker.
 */
export function startBackgroundCheckpoints(
  db: Db,
  path: string,
  logger: Logger,
): () => Promise<void> {
  // NOTE: in a packaged desktop app this file sits inside app.asar, which
  // worker threads may not load. The error handler below then falls back to
  // SQLite's automatic checkpoints. Only the headless server is tested here.
  const worker = startWorker(
    join(__dirname, `checkpoint-worker${extname(__filename)}`),
    { path, intervalMs: CHECKPOINT_INTERVAL_MS },
  );
  db.pragma("wal_autocheckpoint = 0");

  worker.on("message", (message: { type: string; message: string }) => {
    if (message.type === "error") {
      logger.warn(
        { error: message.message },
        "WAL checkpoint failed; will retry",
      );
    }
  });
  worker.on("error", (error) => {
    // Without the worker, SQLite's own checkpoint keeps the WAL in bounds.
    logger.error(
      { err: error },
      "Checkpoint worker failed; using automatic checkpoints",
    );
    db.pragma("wal_autocheckpoint = 1000");
  });

  // Listening from the start, so that stopping a worker that already
  // failed does not wait forever.
  const exited = new Promise<void>((resolve) =>
    worker.once("exit", () => resolve()),
  );
  return async () => {
    worker.postMessage("stop");
    await exited;
  };
}

/**
 * Starts the worker from the same kind of file as this module: JavaScript
 * once built, or TypeScript under tsx in development and tests, where the
 * worker must register tsx itself because loader hooks do not reach it.
 */
function startWorker(file: string, workerData: unknown): Worker {
  if (extname(file) !== ".ts") return new Worker(file, { workerData });
  const source = `require("tsx/cjs"); require(${JSON.stringify(file)});`;
  return new Worker(source, { eval: true, workerData });
}
