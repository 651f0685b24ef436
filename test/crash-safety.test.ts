import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";

import { databasePath } from "../main/app/data-dir";
import { generatedCandidate, leadPayload } from "./support/lead-payloads";
import { startServeChild, type ServeChild } from "./support/serve-child";
import { makeTempDataDir } from "./support/temp-data-dir";
import { send } from "./support/webhook-test-server";

const TOKEN = "crash-test-token-0123456789";
const ROUNDS = 4;
const SENDERS = 4;
/** Each round kills the server after a random delay in this range, in ms. */
const KILL_AFTER_MS = { min: 150, max: 900 };
/** Upper bounds per sender and round, so that a round ends on its own. */
const MAX_REQUESTS_PER_SENDER = 1_000;
const ROUND_DEADLINE_MS = 5_000;
const SEED = Number(process.env.CRASH_TEST_SEED ?? 20250101);

/** mulberry32: a small seeded generator, so that a failing run can be repeated. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Posts distinct leads until the server stops responding or a bound is
 * reached, and returns the indexes of the leads acknowledged with 2xx.
 */
async function sendUntilDown(
  port: number,
  nextIndex: () => number,
  deadline: number,
): Promise<{ acknowledged: number[]; otherStatuses: number[] }> {
  const acknowledged: number[] = [];
  const otherStatuses: number[] = [];
  for (let count = 0; count < MAX_REQUESTS_PER_SENDER; count++) {
    if (Date.now() > deadline) break;
    const index = nextIndex();
    let status: number;
    try {
      const response = await send(port, {
        headers: {
          authorization: `Bearer ${TOKEN}`,
          "content-type": "application/json",
        },
        body: JSON.stringify(leadPayload(index)),
      });
      status = response.status;
    } catch {
      // The server was killed: the connection was refused or reset.
      break;
    }
    if (status >= 200 && status < 300) acknowledged.push(index);
    else otherStatuses.push(status);
  }
  return { acknowledged, otherStatuses };
}

describe("crash safety", () => {
  const temp = makeTempDataDir("lead-inbox-crash-");
  let server: ServeChild | null = null;
  after(async () => {
    await server?.kill();
    temp.cleanup();
  });

  it("keeps every acknowledged lead across SIGKILL", async () => {
    const random = seededRandom(SEED);
    const acknowledged: number[] = [];
    const otherStatuses: number[] = [];
    let index = 0;
    const nextIndex = () => index++;

    for (let round = 0; round < ROUNDS; round++) {
      server = await startServeChild({ dataDir: temp.dir, token: TOKEN });
      const running = server;
      const killAfter =
        KILL_AFTER_MS.min + random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min);
      const deadline = Date.now() + ROUND_DEADLINE_MS;
      const senders = Array.from({ length: SENDERS }, () =>
        sendUntilDown(running.port, nextIndex, deadline),
      );
      const killer = new Promise<void>((resolve, reject) => {
        setTimeout(() => {
          running.kill().then(resolve, reject);
        }, killAfter);
      });

      const results = await Promise.all(senders);
      await killer;
      for (const result of results) {
        acknowledged.push(...result.acknowledged);
        otherStatuses.push(...result.otherStatuses);
      }
    }
    server = null;

    assert.deepEqual(otherStatuses, [], "expected only 2xx responses");
    assert.ok(
      acknowledged.length >= ROUNDS,
      `expected acknowledged leads in every round, got ${acknowledged.length}`,
    );

    // A restart must recover the WAL and accept leads again.
    server = await startServeChild({ dataDir: temp.dir, token: TOKEN });
    const recovered = await send(server.port, {
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(leadPayload(index)),
    });
    assert.equal(recovered.status, 200);
    acknowledged.push(index);
    assert.equal(await server.stop(), 0);
    server = null;

    const db = new Database(databasePath(temp.dir), {
      readonly: true,
    });
    try {
      assert.equal(db.pragma("integrity_check", { simple: true }), "ok");
      const findByEmail = db.prepare(
        "SELECT count(*) AS n FROM candidates WHERE email_normalized = ?",
      );
      const missing = acknowledged.filter((lead) => {
        const row = findByEmail.get(generatedCandidate(lead).email) as {
          n: number;
        };
        return row.n !== 1;
      });
      assert.deepEqual(missing, [], "acknowledged leads missing after a crash");

      const deliveries = db
        .prepare("SELECT count(*) AS n FROM deliveries")
        .get() as { n: number };
      assert.ok(deliveries.n >= acknowledged.length);
    } finally {
      db.close();
    }
  });
});
