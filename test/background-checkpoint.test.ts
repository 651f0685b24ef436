import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import pino from "pino";

import { startBackgroundCheckpoints } from "../main/store/background-checkpoint";
import { openDatabase } from "../main/store/database";
import { makeTempDataDir } from "./support/temp-data-dir";

describe("background checkpoints", () => {
  it("copies the WAL into the database file", { timeout: 15_000 }, async () => {
    const temp = makeTempDataDir();
    const path = join(temp.dir, "lead-inbox.db");
    const db = openDatabase(path);
    const stop = startBackgroundCheckpoints(
      db,
      path,
      pino({ level: "silent" }),
    );
    try {
      assert.equal(db.pragma("wal_autocheckpoint", { simple: true }), 0);
      const before = statSync(path).size;
      const insert = db.prepare(
        "INSERT INTO settings (key, value_json) VALUES (?, ?)",
      );
      db.transaction(() => {
        for (let i = 0; i < 2000; i += 1)
          insert.run(`filler-${i}`, "x".repeat(500));
      })();

      // Poll: the worker runs once a second, and only it writes the main file.
      let after = statSync(path).size;
      for (let attempt = 0; attempt < 50 && after <= before; attempt += 1) {
        await delay(100);
        after = statSync(path).size;
      }
      assert.ok(after > before, `database file stayed at ${after} bytes`);
    } finally {
      await stop();
      db.close();
      temp.cleanup();
    }
  });
});
