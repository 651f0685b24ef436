/**
 * Times the read methods of the API on a database of 100,000 candidates.
 * Run: npx tsx scripts/measure-api-queries.ts [candidateCount]
 * Prints the median of 5 calls per case, in milliseconds. The database is
 * written to a temp folder and removed afterwards.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";

import { LEAD_EVENT_TYPES } from "../shared/lead-events";
import { createApiHandlers } from "../main/api/handlers";
import { LJO_LICENSES, LJO_SPECIALTIES } from "../main/ljo/catalog-data";
import { openDatabase, type Db } from "../main/store/database";
import { stubServices } from "../test/support/api-test-kit";

const FIRST_NAMES = [
  "John",
  "Zoë",
  "Ana",
  "Émile",
  "Priya",
  "Wei",
  "Olga",
  "Sam",
];
const LAST_NAMES = [
  "Smith",
  "Müller",
  "Ávila",
  "Nguyen",
  "Okafor",
  "Kowalski",
  "Lee",
];

const DENTAL_LICENSES = new Set(
  LJO_LICENSES.filter((entry) => entry.category === "dental").map(
    (entry) => entry.name,
  ),
);
const DENTAL_SPECIALTIES = LJO_SPECIALTIES.filter(
  (entry) => entry.category === "dental",
);
const MEDICAL_SPECIALTIES = LJO_SPECIALTIES.filter(
  (entry) => entry.category === "medical",
);

/** A fixed-seed generator so that every run measures the same rows. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function seed(db: Db, count: number): void {
  const next = random(42);
  const pick = <T>(values: readonly T[]): T =>
    values[Math.floor(next() * values.length)] as T;

  const insertCandidate = db.prepare(
    `INSERT INTO candidates (first_name, last_name, email, email_normalized, phone,
       phone_e164, state, license, specialties_json, last_event, last_event_at,
       first_seen_at, last_seen_at, exported_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDelivery = db.prepare(
    `INSERT INTO deliveries (received_at, method, path, headers_json, body, event,
       status, status_code) VALUES (?, 'POST', '/webhook', '{}', ?, ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO lead_events (candidate_id, delivery_id, event, received_at,
       referral_source, payload_sha256) VALUES (?, ?, ?, ?, 'LJO', ?)`,
  );

  db.transaction(() => {
    for (let index = 0; index < count; index++) {
      const first = pick(FIRST_NAMES);
      const last = pick(LAST_NAMES);
      const email = `${first}.${last}${index}@example.com`.toLowerCase();
      const digits = String(5_550_000_000 + index);
      const at = new Date(Date.UTC(2023, 0, 1) + index * 300_000).toISOString();
      const license =
        next() < 0.02 ? "Unlisted License" : pick(LJO_LICENSES).name;
      // LJO pairs dental licenses with dental specialties; 1 in 1,000
      // candidates breaks the rule, as a sender bug might.
      const dental = DENTAL_LICENSES.has(license) !== next() < 0.001;
      const pool = dental ? DENTAL_SPECIALTIES : MEDICAL_SPECIALTIES;
      const specialties = [pick(pool).name, pick(pool).name];
      const event = pick(LEAD_EVENT_TYPES);
      const candidate = insertCandidate.run(
        first,
        last,
        email,
        email,
        digits,
        `+1${digits}`,
        "KY",
        license,
        JSON.stringify(specialties),
        event,
        at,
        at,
        at,
        next() < 0.5 ? at : null,
        at,
      );
      const delivery = insertDelivery.run(
        at,
        Buffer.from("{}"),
        event,
        next() < 0.01 ? "quarantined" : "processed",
        200,
      );
      insertEvent.run(
        candidate.lastInsertRowid,
        delivery.lastInsertRowid,
        event,
        at,
        `sha-${index}`,
      );
    }
    const map = db.prepare(
      "INSERT INTO mappings (kind, name, ats_value, updated_at) VALUES (?, ?, ?, '2024')",
    );
    for (const entry of LJO_LICENSES)
      map.run("license", entry.name, entry.name);
    for (const entry of LJO_SPECIALTIES.slice(0, 60)) {
      map.run("specialty", entry.name, entry.name);
    }
  })();
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), "lead-inbox-measure-"));
  const db = openDatabase(join(dir, "lead-inbox.db"));
  try {
    const seedStart = performance.now();
    seed(db, count);
    console.log(
      `Seeded ${count} candidates in ${(performance.now() - seedStart).toFixed(0)} ms`,
    );
    db.pragma("optimize");

    const api = createApiHandlers(
      db,
      stubServices(),
      pino({ level: "silent" }),
    );
    const cases: [string, () => Promise<{ ok: boolean }>][] = [
      ["list, default sort", () => api.listCandidates({})],
      [
        "list, sort last_name asc",
        () => api.listCandidates({ sort: "last_name", direction: "asc" }),
      ],
      ["list, sort state desc", () => api.listCandidates({ sort: "state" })],
      ["list, offset 50,000", () => api.listCandidates({ offset: 50_000 })],
      [
        "list, search name 'müller'",
        () => api.listCandidates({ search: "müller" }),
      ],
      [
        "list, search email 'smith12'",
        () => api.listCandidates({ search: "smith12" }),
      ],
      [
        "list, search phone '555 000 12'",
        () => api.listCandidates({ search: "555 000 12" }),
      ],
      [
        "list, search 2 letters 'le'",
        () => api.listCandidates({ search: "le" }),
      ],
      [
        "list, event type lead-unlocked",
        () => api.listCandidates({ eventTypes: ["lead-unlocked"] }),
      ],
      ["list, status new", () => api.listCandidates({ status: "new" })],
      ["list, unmapped only", () => api.listCandidates({ unmappedOnly: true })],
      [
        "list, date range",
        () => api.listCandidates({ from: "2023-03-01", to: "2023-03-31" }),
      ],
      [
        "list, all filters + sort",
        () =>
          api.listCandidates({
            search: "smith",
            status: "new",
            unmappedOnly: true,
            eventTypes: ["new-lead", "lead-unlocked"],
            sort: "email",
          }),
      ],
      ["getCandidate", () => api.getCandidate({ id: 777 })],
      ["listMappings license", () => api.listMappings({ kind: "license" })],
      ["listMappings specialty", () => api.listMappings({ kind: "specialty" })],
      ["exportMappingsCsv", () => api.exportMappingsCsv({})],
      ["listDeliveries all", () => api.listDeliveries({})],
      ["listDeliveries failed", () => api.listDeliveries({ filter: "failed" })],
      [
        "listDeliveries quarantined",
        () => api.listDeliveries({ filter: "quarantined" }),
      ],
    ];

    console.log(
      `Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} x${cpus().length}`,
    );
    for (const [name, run] of cases) {
      const times: number[] = [];
      for (let round = 0; round < 5; round++) {
        const start = performance.now();
        const result = await run();
        times.push(performance.now() - start);
        if (!result.ok)
          throw new Error(`${name} failed: ${JSON.stringify(result)}`);
      }
      times.sort((a, b) => a - b);
      console.log(`${name.padEnd(34)} ${times[2]?.toFixed(1).padStart(7)} ms`);
    }
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
