import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Papa from "papaparse";
import pino from "pino";

import { GENERIC_EXPORT_COLUMNS } from "../shared/export-columns";
import { LEAD_EVENT_TYPES } from "../shared/lead-events";
import { neutralizeFormula } from "../main/export/csv-cells";
import {
  createExport,
  exportCandidatesToFile,
  previewExport,
} from "../main/export/csv-export";
import { SqliteIngestor } from "../main/ingest/sqlite-ingestor";
import { openDatabase, type Db } from "../main/store/database";
import { deliveryOf } from "./support/deliveries";
import { loadSample, makeTempDataDir } from "./support/temp-data-dir";

const silent = pino({ level: "silent" });

function readCsv(path: string): { text: string; rows: string[][] } {
  const text = readFileSync(path, "utf8");
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), {
    skipEmptyLines: true,
  });
  assert.deepEqual(parsed.errors, []);
  return { text, rows: parsed.data };
}

function leadWith(candidate: Record<string, unknown>) {
  const sample = loadSample("real-time-lead-received");
  const data = sample.data as { candidate: Record<string, unknown> };
  data.candidate = { ...data.candidate, ...candidate };
  return sample;
}

describe("CSV export", () => {
  const temp = makeTempDataDir();
  let db: Db;

  before(async () => {
    db = openDatabase(join(temp.dir, "lead-inbox.db"));
    const ingestor = new SqliteIngestor(db, { logger: silent });
    for (const event of LEAD_EVENT_TYPES)
      await ingestor.ingest(deliveryOf(loadSample(event)));
    await ingestor.ingest(
      deliveryOf(
        leadWith({
          id: 2,
          first_name: '=HYPERLINK("http://example.com")',
          last_name: "Line\n@SUM(A1)",
          email: "zip@example.com",
          phone: "(650) 253-0000",
          zip: "02134",
          license: "MD",
          specialties: ["Cardiology", "Neonatal"],
        }),
      ),
    );
    db.prepare(
      "INSERT INTO mappings (kind, name, ats_value, updated_at) VALUES ('license', 'MD', 'Physician', '2025-01-01')",
    ).run();
    db.prepare(
      "INSERT INTO mappings (kind, name, ats_value, updated_at) VALUES ('specialty', 'Cardiology', 'CARD-01', '2025-01-01')",
    ).run();
  });
  after(() => {
    db.close();
    temp.cleanup();
  });

  it("writes the header in the fixed order", () => {
    const path = join(temp.dir, "out", "all.csv");
    const result = exportCandidatesToFile(db, path, { preset: "generic" });
    const { rows } = readCsv(path);
    assert.deepEqual(rows[0], [...GENERIC_EXPORT_COLUMNS]);
    assert.equal(result.rowCount, 2);
    assert.equal(rows.length, 3);
  });

  it("writes one row for John Doe with his jobs", () => {
    const path = join(temp.dir, "out", "john.csv");
    exportCandidatesToFile(db, path, { preset: "generic" });
    const { rows } = readCsv(path);
    const header = rows[0] ?? [];
    const john = rows.filter(
      (row) => row[header.indexOf("ljo_candidate_id")] === "12345",
    );
    assert.equal(john.length, 1);
    const cell = (name: string) => john[0]?.[header.indexOf(name)];
    assert.equal(cell("first_name"), "John");
    assert.equal(cell("last_event"), "new-lead");
    assert.match(cell("job_reference_numbers") ?? "", /mWtvcVk0/);
    assert.match(cell("job_reference_numbers") ?? "", /EXAMPLE12356/);
  });

  it("neutralizes formulas but keeps E.164 and ZIP zeros", () => {
    const path = join(temp.dir, "out", "safe.csv");
    exportCandidatesToFile(db, path, { preset: "generic" });
    const { rows } = readCsv(path);
    const header = rows[0] ?? [];
    const row =
      rows.find((r) => r[header.indexOf("ljo_candidate_id")] === "2") ?? [];
    assert.equal(
      row[header.indexOf("first_name")],
      '\'=HYPERLINK("http://example.com")',
    );
    assert.equal(row[header.indexOf("last_name")], "'Line\n@SUM(A1)");
    assert.equal(row[header.indexOf("phone")], "+16502530000");
    assert.equal(row[header.indexOf("zip")], "02134");
    assert.equal(row[header.indexOf("license_ats_id")], "Physician");
    assert.equal(row[header.indexOf("specialties")], "Cardiology; Neonatal");
    assert.equal(row[header.indexOf("specialty_ats_ids")], "CARD-01");
  });

  it("leaves no partial file after a failure", () => {
    // A folder where the file should go makes the final rename fail.
    const path = join(temp.dir, "out", "taken.csv");
    mkdirSync(join(path, "inside"), { recursive: true });
    assert.throws(() =>
      exportCandidatesToFile(db, path, { preset: "generic" }),
    );
    assert.equal(existsSync(`${path}.partial`), false);
  });

  it("writes a BOM only when asked", () => {
    const withBom = join(temp.dir, "out", "bom.csv");
    const without = join(temp.dir, "out", "nobom.csv");
    exportCandidatesToFile(db, withBom, { bom: true });
    exportCandidatesToFile(db, without, { bom: false });
    assert.equal(readCsv(withBom).text.charCodeAt(0), 0xfeff);
    assert.notEqual(readCsv(without).text.charCodeAt(0), 0xfeff);
  });

  it("exports new candidates once with mark-exported", () => {
    const first = createExport(db, temp.dir, {
      newOnly: true,
      markExported: true,
    });
    assert.equal(first.rowCount, 2);
    const second = createExport(db, temp.dir, {
      newOnly: true,
      markExported: true,
    });
    assert.equal(second.rowCount, 0);
    const { rows } = readCsv(join(temp.dir, second.files[0] ?? ""));
    assert.deepEqual(rows, [[...GENERIC_EXPORT_COLUMNS]]);
  });

  it("exports a candidate again after a new event", async () => {
    createExport(db, temp.dir, { newOnly: true, markExported: true });
    const ingestor = new SqliteIngestor(db, { logger: silent });
    const later = loadSample("lead-unlocked");
    (later.data as Record<string, unknown>).unlocked_at =
      "2026-01-05T10:00:00Z";
    await ingestor.ingest(deliveryOf(later));
    const again = createExport(db, temp.dir, { newOnly: true });
    assert.equal(again.rowCount, 1);
  });

  it("counts unmapped values in the preview", () => {
    const preview = previewExport(db, { preset: "generic" });
    assert.equal(preview.total, 2);
    assert.equal(preview.rowsWithUnmappedValues, 2);
    assert.deepEqual(preview.warnings, []);
  });
});

describe("neutralizeFormula", () => {
  const cases: [string, string][] = [
    ["=1+1", "'=1+1"],
    ["+1 650", "'+1 650"],
    ["-5", "'-5"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["\nx", "'\nx"],
    ["ok\n=cmd", "'ok\n=cmd"],
    ["+14155552671", "+14155552671"],
    ["+14155552671 ext. 12", "+14155552671 ext. 12"],
    ["Dr. Smith", "Dr. Smith"],
    ["", ""],
  ];
  for (const [input, expected] of cases) {
    it(`handles ${JSON.stringify(input)}`, () => {
      assert.equal(neutralizeFormula(input), expected);
    });
  }
});

describe("Bullhorn export", () => {
  it("splits at 1,000 rows and fills the first row", async () => {
    const temp = makeTempDataDir();
    const db = openDatabase(join(temp.dir, "lead-inbox.db"));
    try {
      const ingestor = new SqliteIngestor(db, { logger: silent });
      await Promise.all(
        Array.from({ length: 2100 }, (_, index) =>
          ingestor.ingest(
            deliveryOf(
              leadWith({
                id: 50_000 + index,
                email: `bh${index}@example.com`,
                phone: "",
                // Only one candidate has an address line 2.
                address2: index === 1500 ? "Suite 5" : null,
              }),
            ),
          ),
        ),
      );
      const result = exportCandidatesToFile(db, join(temp.dir, "bh.csv"), {
        preset: "bullhorn",
      });
      assert.equal(result.rowCount, 2100);
      assert.equal(result.paths.length, 3);
      const files = result.paths.map((path) => readCsv(path).rows);
      assert.deepEqual(
        files.map((rows) => rows.length - 1),
        [1000, 1000, 100],
      );
      const second = files[1] ?? [];
      assert.ok(second[0]?.includes("Address 2"));
      assert.equal(
        second[1]?.[second[0]?.indexOf("Address 2") ?? -1],
        "Suite 5",
      );
      const first = files[0] ?? [];
      assert.ok(
        !first[0]?.includes("Address 2"),
        "a column empty in every row is dropped",
      );
      assert.ok(!first[0]?.includes("Mobile Phone"));
    } finally {
      db.close();
      temp.cleanup();
    }
  });
});
