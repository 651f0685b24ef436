import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import Papa from "papaparse";
import pino from "pino";

import { databasePath } from "../main/app/data-dir";
import { SqliteIngestor } from "../main/ingest/sqlite-ingestor";
import { openDatabase } from "../main/store/database";
import { deliveryOf } from "./support/deliveries";
import { generatedCandidate, leadPayload } from "./support/lead-payloads";
import { startServeChild, type ServeChild } from "./support/serve-child";
import { makeTempDataDir } from "./support/temp-data-dir";
import { send } from "./support/webhook-test-server";

const runFile = promisify(execFile);

const TOKEN = "concurrency-test-token-0123456789";
/** Candidates stored before the listener starts, so that each export takes a while. */
const PREFILLED = 5_000;
const SENDERS = 4;
const EXPORT_RUNS = 3;
/** Bounds for the senders, which otherwise stop when the exports are done. */
const MAX_REQUESTS_PER_SENDER = 2_000;
const SEND_DEADLINE_MS = 45_000;

async function prefill(dataDir: string): Promise<void> {
  const db = openDatabase(databasePath(dataDir));
  try {
    const ingestor = new SqliteIngestor(db, {
      logger: pino({ level: "silent" }),
      maxBatchSize: 1_000,
    });
    const receipts = [];
    for (let index = 0; index < PREFILLED; index++) {
      receipts.push(ingestor.ingest(deliveryOf(leadPayload(index))));
    }
    await Promise.all(receipts);
  } finally {
    db.close();
  }
}

/** Runs `cli.ts export` in its own process, as a recruiter would. */
async function runExport(dataDir: string, out: string): Promise<string> {
  const { stdout } = await runFile(
    process.execPath,
    [
      "--import",
      "tsx",
      join(__dirname, "..", "main", "cli", "cli.ts"),
      "export",
      "--data-dir",
      dataDir,
      "--out",
      out,
      "--mark-exported",
    ],
    { cwd: join(__dirname, ".."), timeout: 60_000 },
  );
  return stdout;
}

describe("export while the listener is posted to", () => {
  const temp = makeTempDataDir("lead-inbox-concurrency-");
  let server: ServeChild | null = null;

  before(async () => {
    await prefill(temp.dir);
    server = await startServeChild({ dataDir: temp.dir, token: TOKEN });
  });
  after(async () => {
    await server?.kill();
    temp.cleanup();
  });

  it("every POST gets 2xx and each export succeeds", async () => {
    const port = server!.port;
    let exporting = true;
    let nextIndex = PREFILLED;
    const acknowledged: number[] = [];
    const failures: string[] = [];
    const deadline = Date.now() + SEND_DEADLINE_MS;

    const sender = async (): Promise<void> => {
      for (let count = 0; count < MAX_REQUESTS_PER_SENDER; count++) {
        if (!exporting || Date.now() > deadline) return;
        const index = nextIndex++;
        const response = await send(port, {
          headers: {
            authorization: `Bearer ${TOKEN}`,
            "content-type": "application/json",
          },
          body: JSON.stringify(leadPayload(index)),
        });
        if (response.status >= 200 && response.status < 300) {
          acknowledged.push(index);
        } else {
          failures.push(`lead ${index}: ${response.status} ${response.text}`);
        }
      }
    };
    const senders = Array.from({ length: SENDERS }, () => sender());

    const exports: { stdout: string; rows: number }[] = [];
    try {
      for (let run = 0; run < EXPORT_RUNS; run++) {
        const out = join(temp.dir, `export-${run}.csv`);
        const stdout = await runExport(temp.dir, out);
        const rows = Papa.parse(readFileSync(out, "utf8"), {
          header: true,
          skipEmptyLines: true,
        }).data.length;
        exports.push({ stdout, rows });
      }
    } finally {
      exporting = false;
      await Promise.all(senders);
    }

    assert.deepEqual(failures, []);
    assert.ok(acknowledged.length > 0, "no POST ran during the exports");
    for (const [run, { stdout, rows }] of exports.entries()) {
      assert.match(
        stdout,
        new RegExp(`^Exported ${rows.toLocaleString("en-US")} candidates`),
        `run ${run}`,
      );
      assert.ok(rows >= PREFILLED, `run ${run} wrote ${rows} rows`);
    }

    assert.equal(await server!.stop(), 0);
    server = null;
    const db = new Database(databasePath(temp.dir), { readonly: true });
    try {
      const findByEmail = db.prepare(
        "SELECT count(*) AS n FROM candidates WHERE email_normalized = ?",
      );
      const missing = acknowledged.filter(
        (index) =>
          (findByEmail.get(generatedCandidate(index).email) as { n: number })
            .n !== 1,
      );
      assert.deepEqual(missing, []);
      const marked = db
        .prepare(
          "SELECT count(*) AS n FROM candidates WHERE exported_at IS NOT NULL",
        )
        .get() as { n: number };
      assert.equal(marked.n, exports.at(-1)?.rows);
    } finally {
      db.close();
    }
  });
});
