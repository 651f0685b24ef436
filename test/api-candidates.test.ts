import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { createApiHandlers } from "../main/api/handlers";
import type { ApiHandlers } from "../main/app/app-types";
import { openDatabase, type Db } from "../main/store/database";
import { MIGRATIONS } from "../main/store/migrations";
import {
  expectError,
  expectOk,
  handlersFor,
  openTempDatabase,
  silentLogger,
  stubServices,
} from "./support/api-test-kit";
import {
  insertCandidate,
  insertJob,
  insertLeadEvent,
  insertMapping,
} from "./support/seed-rows";

describe("listCandidates and getCandidate", () => {
  let database: { db: Db; cleanup: () => void };
  let api: ApiHandlers;
  const ids = { zoe: 0, john: 0, ana: 0 };

  before(() => {
    database = openTempDatabase();
    const { db } = database;
    api = handlersFor(db);

    ids.zoe = insertCandidate(db, {
      ljoCandidateId: "1001",
      firstName: "Zoë",
      lastName: "Müller",
      email: "Zoe.Mueller@Example.com",
      phone: "(502) 555-0101",
      phoneE164: "+15025550101",
      state: "KY",
      license: "MD",
      specialties: ["Cardiology", "Family Practice"],
      licensedStates: ["KY", "Compact"],
      extra: { npi: "1234567890" },
      lastEvent: "job-application-received",
      lastEventAt: "2024-05-03T10:00:00.000Z",
      firstSeenAt: "2024-04-01T09:00:00.000Z",
    });
    ids.john = insertCandidate(db, {
      firstName: "John",
      lastName: "smith",
      email: "john@example.com",
      phone: "502.555.0202",
      phoneE164: "+15025550202",
      state: "NY",
      license: "DDS",
      specialties: ["Cardiology"],
      lastEventAt: "2024-05-02T10:00:00.000Z",
      firstSeenAt: "2024-05-02T10:00:00.000Z",
      exportedAt: "2024-05-05T00:00:00.000Z",
    });
    ids.ana = insertCandidate(db, {
      firstName: "Ana",
      lastName: "Ávila",
      email: "ana@example.org",
      state: "AL",
      license: "Unicorn Doctor",
      lastEventAt: "2024-05-01T10:00:00.000Z",
      firstSeenAt: "2024-03-01T10:00:00.000Z",
      possibleDuplicateOf: 1,
    });

    const jobId = insertJob(db, {
      ljoJobId: "J-77",
      referenceNumber: "REF-77",
    });
    insertLeadEvent(db, {
      candidateId: ids.zoe,
      event: "real-time-lead-received",
      receivedAt: "2024-04-01T09:00:00.000Z",
    });
    insertLeadEvent(db, {
      candidateId: ids.zoe,
      event: "job-application-received",
      receivedAt: "2024-05-03T10:00:00.000Z",
      jobId,
      jobReferences: ["REF-77"],
    });
    insertLeadEvent(db, { candidateId: ids.john, event: "new-lead" });
    insertLeadEvent(db, {
      candidateId: ids.ana,
      event: "lead-unlocked",
      unlockedBy: "recruiter@agency.test",
    });

    insertMapping(db, "license", "MD", "Physician (MD)");
    insertMapping(db, "specialty", "Cardiology", "CARD");
    insertMapping(db, "license", "DDS", "Dentist");
  });

  after(() => database.cleanup());

  async function listIds(request: Record<string, unknown>): Promise<number[]> {
    const page = expectOk("listCandidates", await api.listCandidates(request));
    return page.rows.map((row) => row.id);
  }

  it("lists newest event first by default", async () => {
    const page = expectOk("listCandidates", await api.listCandidates({}));
    assert.equal(page.total, 3);
    assert.deepEqual(
      page.rows.map((row) => row.id),
      [ids.zoe, ids.john, ids.ana],
    );
  });

  it("fills summary fields", async () => {
    const page = expectOk("listCandidates", await api.listCandidates({}));
    const zoe = page.rows.find((row) => row.id === ids.zoe);
    assert.ok(zoe);
    assert.equal(zoe.eventCount, 2);
    assert.deepEqual(zoe.specialties, ["Cardiology", "Family Practice"]);
    assert.deepEqual(zoe.unmappedValues, ["Family Practice"]);
    assert.equal(zoe.ljoCandidateId, "1001");
    const ana = page.rows.find((row) => row.id === ids.ana);
    assert.equal(ana?.possibleDuplicateOf, 1);
    assert.deepEqual(ana?.unmappedValues, ["Unicorn Doctor"]);
  });

  it("pages with offset and limit", async () => {
    const page = expectOk(
      "listCandidates",
      await api.listCandidates({ offset: 1, limit: 1 }),
    );
    assert.equal(page.total, 3);
    assert.deepEqual(
      page.rows.map((row) => row.id),
      [ids.john],
    );
  });

  it("searches names ignoring case and accents", async () => {
    assert.deepEqual(await listIds({ search: "MÜLLER" }), [ids.zoe]);
    assert.deepEqual(await listIds({ search: "muller" }), [ids.zoe]);
    assert.deepEqual(await listIds({ search: "zoë mü" }), [ids.zoe]);
    assert.deepEqual(await listIds({ search: "AVILA" }), [ids.ana]);
    assert.deepEqual(await listIds({ search: "SMITH" }), [ids.john]);
  });

  it("searches email and phone digits", async () => {
    assert.deepEqual(await listIds({ search: "zoe.mueller@EXAMPLE" }), [
      ids.zoe,
    ]);
    assert.deepEqual(await listIds({ search: "example.org" }), [ids.ana]);
    assert.deepEqual(await listIds({ search: "555-0202" }), [ids.john]);
    assert.deepEqual(await listIds({ search: "(502) 555 0101" }), [ids.zoe]);
    assert.deepEqual(await listIds({ search: "+1 502" }), [ids.zoe, ids.john]);
  });

  it("searches short text by scan", async () => {
    assert.deepEqual(await listIds({ search: "jo" }), [ids.john]);
    assert.deepEqual(await listIds({ search: "%" }), []);
  });

  it("treats search syntax as text", async () => {
    assert.deepEqual(await listIds({ search: '"smith" OR *' }), []);
    assert.deepEqual(await listIds({ search: "   " }), [
      ids.zoe,
      ids.john,
      ids.ana,
    ]);
  });

  it("filters by event type", async () => {
    assert.deepEqual(await listIds({ eventTypes: ["lead-unlocked"] }), [
      ids.ana,
    ]);
    assert.deepEqual(
      await listIds({ eventTypes: ["real-time-lead-received", "new-lead"] }),
      [ids.zoe, ids.john],
    );
    assert.deepEqual(await listIds({ eventTypes: [] }), [
      ids.zoe,
      ids.john,
      ids.ana,
    ]);
  });

  it("filters by export status", async () => {
    assert.deepEqual(await listIds({ status: "new" }), [ids.zoe, ids.ana]);
    assert.deepEqual(await listIds({ status: "exported" }), [ids.john]);
  });

  it("filters by inclusive date range", async () => {
    assert.deepEqual(await listIds({ from: "2024-05-02", to: "2024-05-02" }), [
      ids.john,
    ]);
    assert.deepEqual(await listIds({ from: "2024-05-02T06:00:00-04:00" }), [
      ids.zoe,
      ids.john,
    ]);
    assert.deepEqual(await listIds({ to: "2024-05-01T10:00:00Z" }), [ids.ana]);
  });

  it("rejects an unreadable date", async () => {
    const message = expectError(
      await api.listCandidates({ from: "last tuesday" }),
      "invalid_request",
    );
    assert.match(message, /"from".*last tuesday.*ISO 8601/);
  });

  it("filters candidates with unmapped values", async () => {
    assert.deepEqual(await listIds({ unmappedOnly: true }), [ids.zoe, ids.ana]);
  });

  it("combines filters and counts the total", async () => {
    const page = expectOk(
      "listCandidates",
      await api.listCandidates({ status: "new", unmappedOnly: true, limit: 1 }),
    );
    assert.equal(page.total, 2);
    assert.equal(page.rows.length, 1);
  });

  it("sorts by each field", async () => {
    const cases: [string, "asc" | "desc", number[]][] = [
      // NOCASE folds ASCII only, so "Ávila" sorts after "smith".
      ["last_name", "asc", [ids.zoe, ids.john, ids.ana]],
      ["first_name", "desc", [ids.zoe, ids.john, ids.ana]],
      ["email", "asc", [ids.ana, ids.john, ids.zoe]],
      ["first_seen_at", "asc", [ids.ana, ids.zoe, ids.john]],
      ["license", "asc", [ids.john, ids.zoe, ids.ana]],
      ["state", "desc", [ids.john, ids.zoe, ids.ana]],
      ["last_event_at", "asc", [ids.ana, ids.john, ids.zoe]],
    ];
    for (const [sort, direction, expected] of cases) {
      assert.deepEqual(
        await listIds({ sort, direction }),
        expected,
        `sort ${sort} ${direction}`,
      );
    }
  });

  it("rejects an unknown sort field", async () => {
    const message = expectError(
      await api.listCandidates({ sort: "password" }),
      "invalid_request",
    );
    assert.match(message, /^Invalid listCandidates request: sort: /);
  });

  it("returns candidate detail", async () => {
    const detail = expectOk(
      "getCandidate",
      await api.getCandidate({ id: ids.zoe }),
    );
    assert.equal(detail.phoneE164, "+15025550101");
    assert.deepEqual(detail.licensedStates, ["KY", "Compact"]);
    assert.deepEqual(detail.extra, { npi: "1234567890" });
    assert.deepEqual(detail.licenseMapping, {
      name: "MD",
      atsValue: "Physician (MD)",
      known: true,
    });
    assert.deepEqual(detail.specialtyMappings, [
      { name: "Cardiology", atsValue: "CARD", known: true },
      { name: "Family Practice", atsValue: null, known: true },
    ]);
  });

  it("returns events newest first with jobs", async () => {
    const detail = expectOk(
      "getCandidate",
      await api.getCandidate({ id: ids.zoe }),
    );
    assert.deepEqual(
      detail.events.map((event) => event.event),
      ["job-application-received", "real-time-lead-received"],
    );
    assert.deepEqual(detail.events[0]?.jobReferenceNumbers, ["REF-77"]);
    assert.equal(detail.jobs.length, 1);
    assert.equal(detail.jobs[0]?.ljoJobId, "J-77");
    assert.deepEqual(detail.jobs[0]?.data, { id: "J-77", shift: "days" });
  });

  it("marks a license missing from LJO's list as unknown", async () => {
    const detail = expectOk(
      "getCandidate",
      await api.getCandidate({ id: ids.ana }),
    );
    assert.deepEqual(detail.licenseMapping, {
      name: "Unicorn Doctor",
      atsValue: null,
      known: false,
    });
    assert.equal(detail.events[0]?.unlockedBy, "recruiter@agency.test");
  });

  it("reports an unknown candidate as not found", async () => {
    const message = expectError(
      await api.getCandidate({ id: 999 }),
      "not_found",
    );
    assert.match(message, /Candidate 999 was not found/);
  });

  it("follows candidate updates in search", async () => {
    const { db } = database;
    const id = insertCandidate(db, { firstName: "Temp", lastName: "Person" });
    db.prepare("UPDATE candidates SET last_name = ? WHERE id = ?").run(
      "Renamed",
      id,
    );
    assert.deepEqual(await listIds({ search: "person" }), []);
    assert.deepEqual(await listIds({ search: "renamed" }), [id]);
    db.prepare("DELETE FROM candidates WHERE id = ?").run(id);
    assert.deepEqual(await listIds({ search: "renamed" }), []);
  });
});

describe("migration 2", () => {
  it("indexes candidates stored before it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lead-inbox-migration-"));
    const path = join(dir, "lead-inbox.db");
    try {
      const version1 = openDatabase(path, MIGRATIONS.slice(0, 1));
      const id = insertCandidate(version1, {
        firstName: "Renée",
        lastName: "Dubois",
        phoneE164: "+15025550303",
        license: "MD",
        specialties: ["Cardiology"],
      });
      version1.close();

      const db = openDatabase(path);
      try {
        assert.equal(db.pragma("user_version", { simple: true }), 2);
        const api = createApiHandlers(db, stubServices(), silentLogger);
        for (const search of ["renee", "5550303"]) {
          const page = expectOk(
            "listCandidates",
            await api.listCandidates({ search }),
          );
          assert.deepEqual(
            page.rows.map((row) => row.id),
            [id],
            `search ${search}`,
          );
        }
        const specialties = expectOk(
          "listMappings",
          await api.listMappings({ kind: "specialty" }),
        );
        const cardiology = specialties.rows.find(
          (row) => row.name === "Cardiology",
        );
        assert.equal(cardiology?.candidateCount, 1);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
