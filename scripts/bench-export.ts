import { execFile } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import pino from "pino";

import { databasePath } from "../main/app/data-dir";
import { SqliteIngestor } from "../main/ingest/sqlite-ingestor";
import { openDatabase, type Db } from "../main/store/database";
import { deliveryOf } from "../test/support/deliveries";
import { leadPayload } from "../test/support/lead-payloads";

const runFile = promisify(execFile);

/** Deliveries handed to the ingestor at once while filling. */
const FILL_WAVE = 5_000;

export interface FillResult {
  leads: number;
  seconds: number;
  /** Database file size after a WAL checkpoint, in bytes, by lead count. */
  sizeByLeads: { leads: number; bytes: number }[];
}

export interface ExportMeasurement {
  preset: "generic" | "bullhorn";
  rows: number;
  files: number;
  seconds: number;
  peakRssMb: number;
}

/**
 * Stores `count` distinct leads (the five events in turn) through the real
 * SqliteIngestor, without HTTP, and records the file size at each of
 * `sizeCheckpoints`.
 */
export async function fillDatabase(
  dataDir: string,
  count: number,
  sizeCheckpoints: number[],
): Promise<FillResult> {
  const db = openDatabase(databasePath(dataDir));
  const ingestor = new SqliteIngestor(db, {
    logger: pino({ level: "silent" }),
    maxBatchSize: 1_000,
  });
  const sizeByLeads: FillResult["sizeByLeads"] = [];
  const started = process.hrtime.bigint();

  try {
    for (let first = 0; first < count; first += FILL_WAVE) {
      const last = Math.min(count, first + FILL_WAVE);
      const receipts = [];
      for (let index = first; index < last; index++) {
        receipts.push(ingestor.ingest(deliveryOf(leadPayload(index))));
      }
      const stored = await Promise.all(receipts);
      const notProcessed = stored.filter((r) => r.status !== "processed");
      if (notProcessed.length > 0) {
        throw new Error(
          `${notProcessed.length} generated leads were not stored as new ` +
            `leads (first status: ${notProcessed[0]?.status}); fix the generator`,
        );
      }
      for (const checkpoint of sizeCheckpoints) {
        if (checkpoint > first && checkpoint <= last) {
          sizeByLeads.push({
            leads: last,
            bytes: checkpointedSize(db, dataDir),
          });
        }
      }
    }
  } finally {
    db.close();
  }
  return {
    leads: count,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    sizeByLeads,
  };
}

/** Runs the export in a child process that does only that. */
export async function measureExport(
  dataDir: string,
  preset: "generic" | "bullhorn",
): Promise<ExportMeasurement> {
  const { stdout } = await runFile(
    process.execPath,
    [
      "--import",
      "tsx",
      join(__dirname, "bench-export-child.ts"),
      dataDir,
      preset,
    ],
    { cwd: join(__dirname, ".."), maxBuffer: 1024 * 1024 },
  );
  const lastLine = stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(lastLine) as ExportMeasurement;
}

function checkpointedSize(db: Db, dataDir: string): number {
  db.pragma("wal_checkpoint(TRUNCATE)");
  return statSync(databasePath(dataDir)).size;
}
