import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";

import type { ApiHandlers } from "../main/app/app-types";
import type { Db } from "../main/store/database";
import { LJO_LICENSES } from "../main/ljo/catalog-data";
import {
  expectError,
  expectOk,
  handlersFor,
  openTempDatabase,
} from "./support/api-test-kit";
import { insertCandidate, insertMapping } from "./support/seed-rows";

describe("mapping methods", () => {
  let database: { db: Db; cleanup: () => void };
  let api: ApiHandlers;
  const ids = { medical: 0, dentist: 0, unknown: 0 };

  before(() => {
    database = openTempDatabase();
    const { db } = database;
    api = handlersFor(db);

    ids.medical = insertCandidate(db, {
      license: "MD",
      specialties: ["Cardiology", "Robot Surgery"],
    });
    ids.dentist = insertCandidate(db, {
      license: "DDS",
      specialties: ["Cardiology", "General Dentistry"],
    });
    ids.unknown = insertCandidate(db, {
      license: "Unicorn Doctor",
      specialties: ["General Dentistry"],
    });
    // The ingestor records names missing from LJO's list like this; the
    // license "Unicorn Doctor" is left out on purpose.
    db.prepare(
      `INSERT INTO catalog (kind, name, source, first_seen_at)
       VALUES ('specialty', 'Robot Surgery', 'seen', '2024-05-01T00:00:00.000Z')`,
    ).run();
  });

  beforeEach(() => {
    database.db.prepare("DELETE FROM mappings").run();
    insertMapping(database.db, "license", "MD", "Physician");
  });

  after(() => database.cleanup());

  async function listRows(kind: "license" | "specialty") {
    return expectOk("listMappings", await api.listMappings({ kind }));
  }

  it("lists catalog licenses with values and counts", async () => {
    const { rows } = await listRows("license");
    assert.equal(rows.length, LJO_LICENSES.length + 1);
    const md = rows.find((row) => row.name === "MD");
    assert.equal(md?.atsValue, "Physician");
    assert.equal(md?.candidateCount, 1);
    assert.equal(md?.source, "ljo");
    assert.equal(md?.category, "medical");
    assert.equal(md?.ljoId, 1);
    const pa = rows.find((row) => row.name === "PA");
    assert.equal(pa?.candidateCount, 0);
    assert.equal(pa?.atsValue, null);
  });

  it("lists names in use but missing from the catalog as new", async () => {
    const { rows } = await listRows("license");
    assert.deepEqual(rows[0], {
      kind: "license",
      name: "Unicorn Doctor",
      ljoId: null,
      fullName: "",
      category: "",
      source: "seen",
      atsValue: null,
      candidateCount: 1,
    });
  });

  it("counts names without an ATS value", async () => {
    const licenses = await listRows("license");
    assert.equal(licenses.unmappedCount, LJO_LICENSES.length + 1 - 1);
    const specialties = await listRows("specialty");
    assert.equal(
      specialties.unmappedCount,
      specialties.rows.filter((row) => row.atsValue === null).length,
    );
  });

  it("lists seen specialties with counts", async () => {
    const { rows } = await listRows("specialty");
    const robot = rows.find((row) => row.name === "Robot Surgery");
    assert.equal(robot?.source, "seen");
    assert.equal(robot?.candidateCount, 1);
    assert.equal(rows[0]?.name, "Robot Surgery");
    const cardiology = rows.find((row) => row.name === "Cardiology");
    assert.equal(cardiology?.candidateCount, 2);
    assert.equal(cardiology?.source, "ljo");
  });

  it("reports license and specialty category conflicts", async () => {
    const { categoryConflicts } = await listRows("specialty");
    assert.deepEqual(
      categoryConflicts.map((conflict) => [
        conflict.candidateId,
        conflict.license,
        conflict.specialty,
      ]),
      [[ids.dentist, "DDS", "Cardiology"]],
    );
    assert.match(
      categoryConflicts[0]?.message ?? "",
      /License DDS is dental but specialty Cardiology is medical/,
    );
  });

  it("saves and removes a mapping", async () => {
    const saved = expectOk(
      "saveMapping",
      await api.saveMapping({
        kind: "specialty",
        name: "Cardiology",
        atsValue: "  CARD-01 ",
      }),
    );
    assert.equal(saved.atsValue, "CARD-01");
    assert.equal(saved.candidateCount, 2);

    for (const atsValue of ["", "   ", null]) {
      await api.saveMapping({
        kind: "specialty",
        name: "Cardiology",
        atsValue: "X",
      });
      const removed = expectOk(
        "saveMapping",
        await api.saveMapping({
          kind: "specialty",
          name: "Cardiology",
          atsValue,
        }),
      );
      assert.equal(
        removed.atsValue,
        null,
        `atsValue ${JSON.stringify(atsValue)}`,
      );
    }
  });

  it("adds a saved name missing from the catalog as seen", async () => {
    const saved = expectOk(
      "saveMapping",
      await api.saveMapping({
        kind: "license",
        name: "Unicorn Doctor",
        atsValue: "Other",
      }),
    );
    assert.equal(saved.source, "seen");
    const stored = database.db
      .prepare(
        "SELECT source, first_seen_at FROM catalog WHERE kind = ? AND name = ?",
      )
      .get("license", "Unicorn Doctor");
    assert.deepEqual(stored, {
      source: "seen",
      first_seen_at: "2024-06-01T00:00:00.000Z",
    });
    const candidates = expectOk(
      "listCandidates",
      await api.listCandidates({ unmappedOnly: true }),
    );
    assert.equal(
      candidates.rows.some((row) => row.id === ids.unknown),
      true,
      "General Dentistry is still unmapped",
    );
  });

  it("rejects a mapping of an unknown kind", async () => {
    const message = expectError(
      await api.saveMapping({
        kind: "state",
        name: "KY",
        atsValue: "Kentucky",
      }),
      "invalid_request",
    );
    assert.match(message, /kind: /);
  });

  it("imports CSV rows and reports bad lines", async () => {
    const csv = [
      "\uFEFFKIND, Name ,ATS_Value,notes",
      "license,DO,Osteopath,",
      'specialty,Cardiology,"CARD, adult","spans',
      'two lines"',
      "state,KY,Kentucky,",
      "",
      "license,,Nobody,",
      "License,MD,,",
      "specialty,Brand New Specialty,BNS,",
    ].join("\r\n");
    const result = expectOk(
      "importMappingsCsv",
      await api.importMappingsCsv({ csv }),
    );
    assert.deepEqual(result.errors, [
      'Line 5: unknown kind "state"; use license or specialty.',
      "Line 7: the name is empty.",
    ]);
    assert.equal(result.imported, 4);

    const values = Object.fromEntries(
      (
        database.db
          .prepare("SELECT kind || ':' || name AS key, ats_value FROM mappings")
          .all() as { key: string; ats_value: string }[]
      ).map((row) => [row.key, row.ats_value]),
    );
    assert.deepEqual(values, {
      "license:DO": "Osteopath",
      "specialty:Cardiology": "CARD, adult",
      "specialty:Brand New Specialty": "BNS",
    });
  });

  it("rejects a CSV without the header", async () => {
    const result = expectOk(
      "importMappingsCsv",
      await api.importMappingsCsv({ csv: "license,DO,Osteopath\n" }),
    );
    assert.equal(result.imported, 0);
    assert.match(result.errors[0] ?? "", /^Line 1: the header must name/);
    const { rows } = await listRows("license");
    assert.equal(rows.find((row) => row.name === "DO")?.atsValue, null);
  });

  it("round-trips mappings through CSV", async () => {
    await api.saveMapping({
      kind: "specialty",
      name: "Cardiology",
      atsValue: "=HYPERLINK(1)",
    });
    await api.saveMapping({
      kind: "specialty",
      name: "Robot Surgery",
      atsValue: 'R, "S"',
    });
    const before = [
      ...(await listRows("license")).rows,
      ...(await listRows("specialty")).rows,
    ];
    const { csv } = expectOk(
      "exportMappingsCsv",
      await api.exportMappingsCsv({}),
    );
    assert.match(csv, /^kind,name,ats_value\r\n/);
    assert.match(csv, /specialty,Cardiology,"'=HYPERLINK\(1\)"/);

    database.db.prepare("DELETE FROM mappings").run();
    const result = expectOk(
      "importMappingsCsv",
      await api.importMappingsCsv({ csv }),
    );
    assert.deepEqual(result.errors, []);
    assert.equal(result.imported, before.length);
    const afterImport = [
      ...(await listRows("license")).rows,
      ...(await listRows("specialty")).rows,
    ];
    assert.deepEqual(afterImport, before);
  });
});
