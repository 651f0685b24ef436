import assert from "node:assert/strict";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pino from "pino";

import { LEAD_EVENT_TYPES } from "../shared/lead-events";
import { reprocessQuarantined } from "../main/ingest/reprocess";
import { SqliteIngestor } from "../main/ingest/sqlite-ingestor";
import {
  DatabaseOpenError,
  DatabaseTooNewError,
  openDatabase,
  type Db,
} from "../main/store/database";
import { MIGRATIONS } from "../main/store/migrations";
import { deliveryOf } from "./support/deliveries";
import { loadSample, makeTempDataDir } from "./support/temp-data-dir";

const silent = pino({ level: "silent" });

function candidateWithEmail(email: string, id: number | null, phone = "") {
  const sample = loadSample("real-time-lead-received");
  const data = sample.data as { candidate: Record<string, unknown> };
  data.candidate = { ...data.candidate, email, phone, id };
  if (id === null) delete data.candidate.id;
  return sample;
}

function count(db: Db, sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

describe("SQLite ingestor", () => {
  const temp = makeTempDataDir();
  let db: Db;
  let ingestor: SqliteIngestor;

  before(() => {
    db = openDatabase(join(temp.dir, "lead-inbox.db"));
    ingestor = new SqliteIngestor(db, { logger: silent });
  });
  after(() => {
    db.close();
    temp.cleanup();
  });

  it("stores all five samples as one candidate", async () => {
    for (const event of LEAD_EVENT_TYPES) {
      const receipt = await ingestor.ingest(deliveryOf(loadSample(event)));
      assert.equal(receipt.status, "processed", event);
      assert.equal(receipt.statusCode, 200, event);
    }
    assert.equal(
      count(
        db,
        "SELECT count(*) n FROM candidates WHERE ljo_candidate_id = '12345'",
      ),
      1,
    );
    assert.equal(count(db, "SELECT count(*) n FROM lead_events"), 5);
    const row = db
      .prepare(
        "SELECT first_name, last_name, last_event, referral_source FROM candidates",
      )
      .get() as Record<string, string>;
    assert.equal(row.first_name, "John");
    assert.equal(row.last_name, "Doe");
    assert.equal(row.last_event, "new-lead");
    assert.equal(row.referral_source, "LocumJobsOnline - New Lead");
  });

  it("answers a retry without a new event", async () => {
    const sample = loadSample("job-application-received");
    const before = count(db, "SELECT count(*) n FROM lead_events");
    const receipt = await ingestor.ingest(deliveryOf(sample));
    assert.equal(receipt.status, "duplicate");
    assert.equal(receipt.statusCode, 200);
    // The same payload with its keys in another order is the same delivery.
    const reordered = Object.fromEntries(Object.entries(sample).reverse());
    const second = await ingestor.ingest(deliveryOf(reordered));
    assert.equal(second.status, "duplicate");
    assert.equal(count(db, "SELECT count(*) n FROM lead_events"), before);
    assert.equal(
      count(db, "SELECT count(*) n FROM deliveries WHERE status = 'duplicate'"),
      2,
    );
  });

  it("matches by email across Unicode forms and case", async () => {
    const nfc = "Jos\u00e9.Ruiz@Example.com";
    const nfd = "jose\u0301.ruiz@EXAMPLE.com";
    const first = await ingestor.ingest(
      deliveryOf(candidateWithEmail(nfc, null)),
    );
    const second = await ingestor.ingest(
      deliveryOf(candidateWithEmail(` ${nfd} `, null)),
    );
    assert.equal(first.isNewCandidate, true);
    assert.equal(second.isNewCandidate, false);
    assert.equal(second.candidateId, first.candidateId);
  });

  it("matches by phone in E.164", async () => {
    const first = await ingestor.ingest(
      deliveryOf(candidateWithEmail("a1@example.com", 501, "(650) 253-0000")),
    );
    const second = await ingestor.ingest(
      deliveryOf(candidateWithEmail("", null, "+1 650-253-0000 x12")),
    );
    assert.equal(second.candidateId, first.candidateId);
  });

  it("flags two matched candidates as possible duplicates", async () => {
    const a = await ingestor.ingest(
      deliveryOf(candidateWithEmail("dup-a@example.com", 601)),
    );
    const b = await ingestor.ingest(
      deliveryOf(candidateWithEmail("dup-b@example.com", 602)),
    );
    assert.notEqual(a.candidateId, b.candidateId);
    // Id points at A, email at B: stored on A, flagged, not merged.
    const both = await ingestor.ingest(
      deliveryOf(candidateWithEmail("dup-b@example.com", 601)),
    );
    assert.equal(both.candidateId, a.candidateId);
    const flagged = db
      .prepare("SELECT possible_duplicate_of FROM candidates WHERE id = ?")
      .get(a.candidateId) as { possible_duplicate_of: number | null };
    assert.equal(flagged.possible_duplicate_of, b.candidateId);
    assert.equal(
      count(
        db,
        "SELECT count(*) n FROM candidates WHERE id IN (?, ?)",
        a.candidateId,
        b.candidateId,
      ),
      2,
    );
  });

  it("lets a late older event fill only empty fields", async () => {
    const newer = candidateWithEmail("order@example.com", 701);
    (newer.data as Record<string, unknown>).created_at = "2025-06-01T10:00:00Z";
    const older = candidateWithEmail("order@example.com", 701);
    const olderData = older.data as {
      created_at: string;
      candidate: Record<string, unknown>;
    };
    olderData.created_at = "2025-01-01T10:00:00Z";
    olderData.candidate.first_name = "Jonathan";
    olderData.candidate.address2 = "Suite 9";
    const first = await ingestor.ingest(deliveryOf(newer));
    await ingestor.ingest(deliveryOf(older));
    const row = db
      .prepare(
        "SELECT first_name, address2, last_event_at FROM candidates WHERE id = ?",
      )
      .get(first.candidateId) as Record<string, string>;
    assert.equal(row.first_name, "John");
    assert.equal(row.address2, "Suite 9");
    assert.equal(row.last_event_at, "2025-06-01T10:00:00.000Z");
  });

  it("quarantines an unknown event with 202", async () => {
    const receipt = await ingestor.ingest(
      deliveryOf({ event: "lead-updated", data: {} }),
    );
    assert.equal(receipt.status, "quarantined");
    assert.equal(receipt.statusCode, 202);
    assert.match(receipt.reason ?? "", /lead-updated/);
  });

  it("records unknown license and specialty names", async () => {
    const sample = candidateWithEmail("new-names@example.com", 801);
    const candidate = (sample.data as { candidate: Record<string, unknown> })
      .candidate;
    candidate.license = "RN";
    candidate.specialties = ["Space Medicine"];
    await ingestor.ingest(deliveryOf(sample));
    assert.equal(
      count(
        db,
        "SELECT count(*) n FROM catalog WHERE name = 'RN' AND source = 'seen'",
      ),
      1,
    );
    assert.equal(
      count(
        db,
        "SELECT count(*) n FROM catalog WHERE name = 'Space Medicine' AND kind = 'specialty'",
      ),
      1,
    );
  });

  it("commits concurrent deliveries together", async () => {
    const receipts = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        ingestor.ingest(
          deliveryOf(
            candidateWithEmail(`burst${index}@example.com`, 100_000 + index),
          ),
        ),
      ),
    );
    assert.equal(
      receipts.filter((receipt) => receipt.status === "processed").length,
      60,
    );
    assert.equal(
      count(
        db,
        "SELECT count(*) n FROM candidates WHERE CAST(ljo_candidate_id AS INTEGER) >= 100000",
      ),
      60,
    );
  });
});

describe("reprocess", () => {
  it("turns a quarantined valid payload into a lead", () => {
    const temp = makeTempDataDir();
    const db = openDatabase(join(temp.dir, "lead-inbox.db"));
    try {
      // A delivery quarantined by an older parser that the current one reads.
      const body = JSON.stringify(loadSample("lead-unlocked"));
      db.prepare(
        `INSERT INTO deliveries (received_at, method, path, headers_json, body, status, status_code, error)
         VALUES ('2025-01-01T00:00:00Z', 'POST', '/webhook', '{}', ?, 'quarantined', 202, 'old parser')`,
      ).run(Buffer.from(body));
      db.prepare(
        `INSERT INTO deliveries (received_at, method, path, headers_json, body, status, status_code, error)
         VALUES ('2025-01-01T00:00:01Z', 'POST', '/webhook', '{}', ?, 'quarantined', 202, 'unknown')`,
      ).run(Buffer.from(JSON.stringify({ event: "mystery" })));
      const outcome = reprocessQuarantined(db, { logger: silent });
      assert.equal(outcome.processed, 1);
      assert.equal(outcome.stillQuarantined, 1);
      assert.equal(outcome.leads.length, 1);
      assert.equal(count(db, "SELECT count(*) n FROM lead_events"), 1);
      assert.equal(
        count(
          db,
          "SELECT count(*) n FROM deliveries WHERE status = 'quarantined'",
        ),
        1,
      );
    } finally {
      db.close();
      temp.cleanup();
    }
  });
});

describe("migrations", () => {
  it("refuses a database from a newer version", () => {
    const temp = makeTempDataDir();
    const path = join(temp.dir, "lead-inbox.db");
    try {
      const db = openDatabase(path);
      db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
      db.close();
      const before = readFileSync(path);
      assert.throws(() => openDatabase(path), DatabaseTooNewError);
      assert.deepEqual(readFileSync(path), before);
    } finally {
      temp.cleanup();
    }
  });

  it("explains a damaged database file", () => {
    const temp = makeTempDataDir();
    const path = join(temp.dir, "lead-inbox.db");
    try {
      writeFileSync(
        path,
        "this is not a database, it is a note to self ".repeat(50),
      );
      assert.throws(
        () => openDatabase(path),
        (error: unknown) => {
          assert.ok(error instanceof DatabaseOpenError);
          assert.match(
            error.message,
            /damaged or is not a Locum Lead Inbox database/,
          );
          return true;
        },
      );
    } finally {
      temp.cleanup();
    }
  });

  it("explains a file in place of the folder", () => {
    const temp = makeTempDataDir();
    try {
      writeFileSync(join(temp.dir, "data"), "x");
      assert.throws(
        () => openDatabase(join(temp.dir, "data", "lead-inbox.db")),
        /a file is in the way of it/,
      );
    } finally {
      temp.cleanup();
    }
  });

  it("applies migrations once and seeds the catalog", () => {
    const temp = makeTempDataDir();
    const path = join(temp.dir, "lead-inbox.db");
    try {
      openDatabase(path).close();
      copyFileSync(path, `${path}.copy`);
      const db = openDatabase(path);
      assert.equal(
        count(db, "SELECT count(*) n FROM catalog WHERE kind = 'license'"),
        10,
      );
      assert.equal(
        count(db, "SELECT count(*) n FROM catalog WHERE kind = 'specialty'"),
        122,
      );
      assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
      assert.equal(db.pragma("synchronous", { simple: true }), 2);
      db.close();
    } finally {
      temp.cleanup();
    }
  });
});
