import { join } from "node:path";

import { databasePath } from "../main/app/data-dir";
import { exportCandidatesToFile } from "../main/export/csv-export";
import { openDatabase } from "../main/store/database";

/**
 * Runs one CSV export of every candidate in the data folder given as the
 * first argument, with the preset given as the second, and prints one JSON
 * line: the export's wall time and this process's peak RSS. The process
 * does nothing else, so that its peak RSS is the export's.
 */
function main(): void {
  const [dataDir, preset] = process.argv.slice(2);
  if (!dataDir || (preset !== "generic" && preset !== "bullhorn")) {
    throw new Error("usage: bench-export-child.ts DATA_DIR generic|bullhorn");
  }

  const db = openDatabase(databasePath(dataDir));
  const started = process.hrtime.bigint();
  const result = exportCandidatesToFile(
    db,
    join(dataDir, `bench-export-${preset}.csv`),
    { preset, newOnly: false, markExported: false, bom: false },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();

  // resourceUsage().maxRSS is in kilobytes on Linux.
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ preset, rows: result.rowCount, files: result.paths.length, seconds, peakRssMb })}\n`,
  );
}

main();
