import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import Papa from "papaparse";

import { LEAD_EVENT_TYPES } from "../shared/lead-events";
import { runCli } from "./support/cli-runner";
import { startServeChild, type ServeChild } from "./support/serve-child";
import { makeTempDataDir } from "./support/temp-data-dir";

const TOKEN = "cli-test-token";

describe("serve and cli end to end", () => {
  const temp = makeTempDataDir();
  let serve: ServeChild;

  before(async () => {
    serve = await startServeChild({
      dataDir: temp.dir,
      token: TOKEN,
      keepLogs: true,
    });
  });
  after(async () => {
    if (serve.child.exitCode === null) await serve.stop();
    temp.cleanup();
  });

  it("stores each sample sent with send-test", () => {
    const url = `http://127.0.0.1:${serve.port}/webhook`;
    for (const event of LEAD_EVENT_TYPES) {
      const result = runCli([
        "send-test",
        "--url",
        url,
        "--event",
        event,
        "--token",
        TOKEN,
      ]);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^HTTP 200/);
    }
  });

  it("rejects send-test with a wrong token", () => {
    const url = `http://127.0.0.1:${serve.port}/webhook`;
    const result = runCli([
      "send-test",
      "--url",
      url,
      "--event",
      "new-lead",
      "--token",
      "nope",
    ]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^HTTP 401/);
  });

  it("exports John Doe once with five events", () => {
    const out = join(temp.dir, "export.csv");
    const result = runCli(["export", "--data-dir", temp.dir, "--out", out]);
    assert.equal(result.status, 0, result.stderr);
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, "utf8"), {
      header: true,
      skipEmptyLines: true,
    }).data;
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.first_name, "John");
    assert.equal(rows[0]?.last_name, "Doe");
    const db = new Database(join(temp.dir, "lead-inbox.db"), {
      readonly: true,
    });
    try {
      const events = db
        .prepare("SELECT count(*) AS n FROM lead_events")
        .get() as { n: number };
      assert.equal(events.n, 5);
    } finally {
      db.close();
    }
  });

  it("prints credentials from the environment", () => {
    const result = runCli(["credentials", "--data-dir", temp.dir], {
      LEAD_INBOX_AUTH: "bearer",
      LEAD_INBOX_TOKEN: TOKEN,
    });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Webhook path: \/webhook/);
    assert.match(result.stdout, new RegExp(`Bearer token: ${TOKEN}`));
  });

  it("keeps the token out of the log", () => {
    assert.ok(serve.logs.length > 0);
    assert.ok(!JSON.stringify(serve.logs).includes(TOKEN));
  });

  it("exits 0 on SIGTERM", async () => {
    assert.equal(await serve.stop(), 0);
  });
});

describe("cli usage errors", () => {
  const cases: [string, string[]][] = [
    ["unknown command", ["frobnicate"]],
    ["unknown option", ["export", "--data-dir", "x", "--out", "y", "--bogus"]],
    ["missing value", ["export", "--data-dir"]],
    ["missing --out", ["export", "--data-dir", "x"]],
    [
      "unknown event",
      ["send-test", "--url", "http://127.0.0.1:9/webhook", "--event", "nope"],
    ],
    [
      "token and user",
      [
        "send-test",
        "--url",
        "http://127.0.0.1:9/",
        "--event",
        "new-lead",
        "--token",
        "t",
        "--user",
        "u",
        "--password",
        "p",
      ],
    ],
  ];
  for (const [name, args] of cases) {
    it(`exits 2 on ${name}`, () => {
      const result = runCli(args);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /Usage: npm run cli/);
    });
  }
});
