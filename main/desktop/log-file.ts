import path from "node:path";

import pino, { type DestinationStream } from "pino";
import pinoRoll from "pino-roll";

/** Size of one log file before rotation, and how many older files are kept. */
const LOG_FILE_SIZE = "10m";
const OLD_LOG_FILES_KEPT = 4;

/**
 * Opens the rotating log file under `<dataDir>/logs/` (lead-inbox.1.log,
 * lead-inbox.2.log, ...), at most about 50 MB in all. Development runs also
 * log to stdout.
 */
export async function openLogDestination(
  dataDir: string,
  alsoStdout: boolean,
): Promise<DestinationStream> {
  const file = await pinoRoll({
    file: path.join(dataDir, "logs", "lead-inbox"),
    extension: ".log",
    size: LOG_FILE_SIZE,
    mkdir: true,
    limit: { count: OLD_LOG_FILES_KEPT, removeOtherLogFiles: true },
  });
  if (!alsoStdout) return file;
  return pino.multistream([{ stream: file }, { stream: process.stdout }]);
}
