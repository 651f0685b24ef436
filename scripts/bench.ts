import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

import { databasePath } from "../main/app/data-dir";
import { startServeChild } from "../test/support/serve-child";
import {
  fillDatabase,
  measureExport,
  type ExportMeasurement,
} from "./bench-export";
import { runLoad, type LoadResult } from "./bench-load";
import { describeMachine } from "./bench-machine";
import { startBaselineServer } from "./bench-processes";

const USAGE = `Usage: npm run bench -- [options]

Measures the webhook listener (serve --no-ui, durable acks) against a bare
node:http server at several concurrency levels, then the CSV export and the
database size. The last line printed is the JSON summary at 32 connections.

Options (each also read from the environment variable in brackets):
  --duration S          Seconds measured per concurrency level (BENCH_DURATION, default 10)
  --warmup S            Seconds of load before each measurement (BENCH_WARMUP, default 2)
  --connections LIST    Comma-separated connection counts (BENCH_CONNECTIONS, default 1,8,32,64)
  --export-leads N      Candidates stored for the export run; 0 skips it
                        (BENCH_EXPORT_LEADS, default 100000)
  --help                Show this help
`;

/** The summary line is taken at this concurrency. */
const SUMMARY_CONNECTIONS = 32;
const TOKEN = "bench-token-0123456789";
/** Warm-up candidates come from this index on, so they never match measured ones. */
const WARMUP_FIRST_INDEX = 5_000_000;

interface BenchOptions {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number[];
  exportLeads: number;
}

interface LevelResult {
  ingest: LoadResult;
  baseline: LoadResult;
  /** Deliveries rows after the run, warm-up included. */
  storedDeliveries: number;
  warmupAcknowledged: number;
}

function readOptions(argv: string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: "string" },
      warmup: { type: "string" },
      connections: { type: "string" },
      "export-leads": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return null;

  const env = process.env;
  const connections = (
    values.connections ??
    env.BENCH_CONNECTIONS ??
    "1,8,32,64"
  )
    .split(",")
    .map((item) => positiveNumber(item, "--connections"));
  return {
    durationSeconds: positiveNumber(
      values.duration ?? env.BENCH_DURATION ?? "10",
      "--duration",
    ),
    warmupSeconds: positiveNumber(
      values.warmup ?? env.BENCH_WARMUP ?? "2",
      "--warmup",
    ),
    connections,
    exportLeads: Math.floor(
      nonNegativeNumber(
        values["export-leads"] ?? env.BENCH_EXPORT_LEADS ?? "100000",
        "--export-leads",
      ),
    ),
  };
}

async function measureLevel(
  connections: number,
  options: BenchOptions,
  baselineUrl: string,
): Promise<LevelResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "lead-inbox-bench-"));
  try {
    const serve = await startServeChild({ dataDir, token: TOKEN });
    const ingestUrl = `http://127.0.0.1:${serve.port}/webhook`;
    let ingest: LoadResult;
    let warmup: LoadResult;
    try {
      warmup = await runLoad({
        url: ingestUrl,
        token: TOKEN,
        connections,
        durationSeconds: options.warmupSeconds,
        firstIndex: WARMUP_FIRST_INDEX,
      });
      ingest = await runLoad({
        url: ingestUrl,
        token: TOKEN,
        connections,
        durationSeconds: options.durationSeconds,
      });
    } finally {
      await serve.stop();
    }

    await runLoad({
      url: baselineUrl,
      token: TOKEN,
      connections,
      durationSeconds: options.warmupSeconds,
    });
    const baseline = await runLoad({
      url: baselineUrl,
      token: TOKEN,
      connections,
      durationSeconds: options.durationSeconds,
    });

    return {
      ingest,
      baseline,
      storedDeliveries: countDeliveries(dataDir),
      warmupAcknowledged: warmup.acknowledged,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function countDeliveries(dataDir: string): number {
  const db = new Database(databasePath(dataDir), { readonly: true });
  try {
    return (
      db.prepare("SELECT count(*) AS n FROM deliveries").get() as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

async function measureExportAndSize(leads: number): Promise<{
  fillSeconds: number;
  sizeByLeads: { leads: number; bytes: number }[];
  exports: ExportMeasurement[];
}> {
  const dataDir = mkdtempSync(join(tmpdir(), "lead-inbox-bench-export-"));
  try {
    const fill = await fillDatabase(dataDir, leads, [10_000, leads]);
    const exports = [
      await measureExport(dataDir, "generic"),
      await measureExport(dataDir, "bullhorn"),
    ];
    return {
      fillSeconds: fill.seconds,
      sizeByLeads: fill.sizeByLeads,
      exports,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function printLevel(result: LevelResult): void {
  const { ingest, baseline } = result;
  const lost =
    ingest.acknowledged + result.warmupAcknowledged - result.storedDeliveries;
  console.log(
    `| ${ingest.connections} | ${ingest.rps.toFixed(0)} | ${baseline.rps.toFixed(0)} | ` +
      `${(ingest.rps / baseline.rps).toFixed(2)} | ${ingest.p50Ms} | ${ingest.p99Ms} | ` +
      `${ingest.maxMs} | ${ingest.errors} | ${ingest.retriesSent} | ` +
      `${lost > 0 ? `${lost} MISSING` : "all"} |`,
  );
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  if (options === null) {
    process.stdout.write(USAGE);
    return;
  }

  console.log(describeMachine());
  console.log(
    `duration ${options.durationSeconds} s per level after ${options.warmupSeconds} s ` +
      `of warm-up; connections ${options.connections.join(", ")}`,
  );
  console.log(
    "| connections | ingest req/s | baseline req/s | ratio | p50 ms | p99 ms | max ms " +
      "| errors | retries sent | acknowledged stored |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|");

  const baselineServer = await startBaselineServer();
  const levels: LevelResult[] = [];
  try {
    const baselineUrl = `http://127.0.0.1:${baselineServer.port}/webhook`;
    for (const connections of options.connections) {
      const result = await measureLevel(connections, options, baselineUrl);
      printLevel(result);
      levels.push(result);
    }
  } finally {
    await baselineServer.stop();
  }

  if (options.exportLeads > 0) {
    const measured = await measureExportAndSize(options.exportLeads);
    console.log(
      `filled ${options.exportLeads} leads through SqliteIngestor in ` +
        `${measured.fillSeconds.toFixed(1)} s`,
    );
    for (const { leads, bytes } of measured.sizeByLeads) {
      console.log(
        `database after ${leads} leads: ${(bytes / 1024 / 1024).toFixed(1)} MB, ` +
          `${(((bytes / leads) * 10_000) / 1024 / 1024).toFixed(1)} MB per 10,000 leads`,
      );
    }
    for (const run of measured.exports) {
      console.log(
        `export ${run.preset}: ${run.rows} candidates in ${run.files} file(s), ` +
          `${run.seconds.toFixed(2)} s, peak RSS ${run.peakRssMb.toFixed(0)} MB`,
      );
    }
  }

  const summary =
    levels.find((level) => level.ingest.connections === SUMMARY_CONNECTIONS) ??
    levels.at(-1);
  if (summary === undefined)
    throw new Error("no concurrency level was measured");
  if (summary.ingest.connections !== SUMMARY_CONNECTIONS) {
    console.log(
      `32 connections were not measured; the summary is at ${summary.ingest.connections}`,
    );
  }
  console.log(
    JSON.stringify({
      ingest_rps: round(summary.ingest.rps),
      baseline_rps: round(summary.baseline.rps),
      ratio: round(summary.ingest.rps / summary.baseline.rps, 3),
      p50_ms: summary.ingest.p50Ms,
      p99_ms: summary.ingest.p99Ms,
      errors: summary.ingest.errors,
    }),
  );
}

function positiveNumber(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${option} must be a positive number, got "${text}"`);
  }
  return value;
}

function nonNegativeNumber(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`${option} must be 0 or a positive number, got "${text}"`);
  }
  return value;
}

function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

main().catch((error: unknown) => {
  console.error(
    `Benchmark failed: ${error instanceof Error ? error.stack : String(error)}`,
  );
  process.exitCode = 1;
});
