import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";

import { runCliAsync } from "./support/cli-runner";
import { startServeChild, type ServeChild } from "./support/serve-child";
import { LocaltunnelTestServer } from "./support/localtunnel-test-server";
import { makeTempDataDir } from "./support/temp-data-dir";

const TOKEN = "tunnel-test-token";

describe("serve with --tunnel", () => {
  const temp = makeTempDataDir();
  let tunnelServer: LocaltunnelTestServer;
  let serve: ServeChild;

  before(async () => {
    tunnelServer = await LocaltunnelTestServer.create();
    serve = await startServeChild({
      dataDir: temp.dir,
      token: TOKEN,
      keepLogs: true,
      args: ["--tunnel", "--tunnel-host", tunnelServer.url],
    });
  });
  after(async () => {
    await serve.stop();
    await tunnelServer.stop();
    temp.cleanup();
  });

  it("stores a lead sent through the public URL", async () => {
    const opened = await serve.waitForLog(
      (entry) => entry.msg === "Public URL changed",
    );
    const publicUrl = String(opened.url);
    assert.match(publicUrl, /^http:\/\/127\.0\.0\.1:\d+/);

    const result = await runCliAsync([
      "send-test",
      "--url",
      `${publicUrl}/webhook`,
      "--event",
      "lead-unlocked",
      "--token",
      TOKEN,
    ]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^HTTP 200/);

    const db = new Database(join(temp.dir, "lead-inbox.db"), {
      readonly: true,
    });
    try {
      const row = db
        .prepare(
          "SELECT count(*) AS n FROM lead_events WHERE event = 'lead-unlocked'",
        )
        .get() as { n: number };
      assert.equal(row.n, 1);
    } finally {
      db.close();
    }
  });
});

describe("serve with the tunnel server down", () => {
  it("keeps serving locally", async () => {
    const temp = makeTempDataDir();
    const tunnelServer = await LocaltunnelTestServer.create();
    const downUrl = tunnelServer.url;
    await tunnelServer.stop();
    const serve = await startServeChild({
      dataDir: temp.dir,
      token: TOKEN,
      keepLogs: true,
      args: ["--tunnel", "--tunnel-host", downUrl],
    });
    try {
      await serve.waitForLog(
        (entry) => entry.module === "tunnel" && entry.level === 40,
      );
      const result = await runCliAsync([
        "send-test",
        "--url",
        `http://127.0.0.1:${serve.port}/webhook`,
        "--event",
        "new-lead",
        "--token",
        TOKEN,
      ]);
      assert.match(result.stdout, /^HTTP 200/);
      assert.equal(serve.child.exitCode, null);
    } finally {
      assert.equal(await serve.stop(), 0);
      temp.cleanup();
    }
  });
});
