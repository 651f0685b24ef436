import type {
  CatalogKind,
  ListMappingsResponse,
  MappingRow,
} from "../../shared/contract";
import type { Db } from "./database";

/** ATS values by LJO name, for licenses and specialties. */
export interface MappingTables {
  license: Map<string, string>;
  specialty: Map<string, string>;
}

/** One mapping to write; a null `atsValue` removes the mapping. */
export interface MappingChange {
  kind: CatalogKind;
  name: string;
  atsValue: string | null;
}

export type CategoryConflict =
  ListMappingsResponse["categoryConflicts"][number];

/**
 * At most this many category conflicts are returned, newest candidates
 * first, so that a bad import cannot make the mappings screen send
 * megabytes.
 */
export const CATEGORY_CONFLICT_LIMIT = 500;

interface MappingRowRecord {
  name: string;
  ljo_id: number | null;
  full_name: string;
  category: string;
  source: "ljo" | "seen";
  ats_value: string | null;
  candidate_count: number;
}

/**
 * SQL for the mapping rows of @kind: every name in the catalog, in the
 * mappings or carried by a candidate. A name carried by candidates but
 * missing from the catalog is listed with source 'seen'.
 */
const MAPPING_ROWS_SQL = `
  WITH usage (name, candidate_count) AS MATERIALIZED (
    SELECT license, COUNT(*) FROM candidates
    WHERE @kind = 'license' AND license <> '' GROUP BY license
    UNION ALL
    SELECT name, COUNT(*) FROM candidate_specialties
    WHERE @kind = 'specialty' GROUP BY name
  ),
  names (name) AS (
    SELECT name FROM catalog WHERE kind = @kind
    UNION SELECT name FROM mappings WHERE kind = @kind
    UNION SELECT name FROM usage
  )
  SELECT
    names.name,
    catalog.ljo_id,
    COALESCE(catalog.full_name, '') AS full_name,
    COALESCE(catalog.category, '') AS category,
    COALESCE(catalog.source, 'seen') AS source,
    mappings.ats_value,
    COALESCE(usage.candidate_count, 0) AS candidate_count
  FROM names
  LEFT JOIN catalog ON catalog.kind = @kind AND catalog.name = names.name
  LEFT JOIN mappings ON mappings.kind = @kind AND mappings.name = names.name
  LEFT JOIN usage ON usage.name = names.name
`;

export function readMappingTables(db: Db): MappingTables {
  const rows = db
    .prepare("SELECT kind, name, ats_value FROM mappings WHERE ats_value <> ''")
    .all() as { kind: string; name: string; ats_value: string }[];
  const tables: MappingTables = { license: new Map(), specialty: new Map() };
  for (const row of rows) {
    if (row.kind === "license") tables.license.set(row.name, row.ats_value);
    if (row.kind === "specialty") tables.specialty.set(row.name, row.ats_value);
  }
  return tables;
}

/** Returns the license and specialty names that have no ATS value, once each. */
export function unmappedNames(
  license: string,
  specialties: readonly string[],
  tables: MappingTables,
): string[] {
  const names = new Set<string>();
  if (license !== "" && !tables.license.has(license)) names.add(license);
  for (const specialty of specialties) {
    if (specialty !== "" && !tables.specialty.has(specialty)) {
      names.add(specialty);
    }
  }
  return [...names];
}

/** Lists the names of one kind: names first seen in payloads first, then by name. */
export function listMappingRows(db: Db, kind: CatalogKind): MappingRow[] {
  const records = db
    .prepare(
      `${MAPPING_ROWS_SQL}
       ORDER BY COALESCE(catalog.source, 'seen') = 'ljo', names.name COLLATE NOCASE`,
    )
    .all({ kind }) as MappingRowRecord[];
  return records.map((record) => toMappingRow(kind, record));
}

/** Returns the mapping row of one name, whether or not anything stores it. */
export function readMappingRow(
  db: Db,
  kind: CatalogKind,
  name: string,
): MappingRow {
  const record = db
    .prepare(`${MAPPING_ROWS_SQL} WHERE names.name = @name`)
    .get({ kind, name }) as MappingRowRecord | undefined;
  return toMappingRow(
    kind,
    record ?? {
      name,
      ljo_id: null,
      full_name: "",
      category: "",
      source: "seen",
      ats_value: null,
      candidate_count: 0,
    },
  );
}

/**
 * Writes mapping changes in one transaction. Setting a value for a name
 * missing from the catalog adds the name with source 'seen', so that it stays
 * listed after its candidates change.
 */
export function applyMappingChanges(
  db: Db,
  changes: readonly MappingChange[],
  now: string,
): void {
  const upsert = db.prepare(
    `INSERT INTO mappings (kind, name, ats_value, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (kind, name) DO UPDATE SET
       ats_value = excluded.ats_value, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare("DELETE FROM mappings WHERE kind = ? AND name = ?");
  const addSeenName = db.prepare(
    `INSERT INTO catalog (kind, name, source, first_seen_at)
     VALUES (?, ?, 'seen', ?) ON CONFLICT (kind, name) DO NOTHING`,
  );

  const apply = db.transaction(() => {
    for (const change of changes) {
      if (change.atsValue === null || change.atsValue === "") {
        remove.run(change.kind, change.name);
        continue;
      }
      upsert.run(change.kind, change.name, change.atsValue, now);
      addSeenName.run(change.kind, change.name, now);
    }
  });
  apply.immediate();
}

/**
 * Finds candidates whose license and a specialty belong to different
 * catalog categories, which LJO does not allow. Names without a category
 * (source 'seen') are never reported.
 *
 * LJO's lists have two categories, and dental entries are the few, so each
 * arm starts from the dental side through an index: candidates with a
 * dental license, then specialty rows with a dental name. CROSS JOIN keeps
 * SQLite to that order, which it cannot infer without statistics. A third
 * category would need a third arm.
 */
export function readCategoryConflicts(
  db: Db,
  limit = CATEGORY_CONFLICT_LIMIT,
): CategoryConflict[] {
  const rows = db
    .prepare(
      `SELECT c.id AS candidateId, c.first_name AS firstName,
              c.last_name AS lastName, c.license, cs.name AS specialty,
              license_entry.category AS licenseCategory,
              specialty_entry.category AS specialtyCategory
       FROM catalog license_entry
       CROSS JOIN candidates c ON c.license = license_entry.name
       CROSS JOIN candidate_specialties cs ON cs.candidate_id = c.id
       CROSS JOIN catalog specialty_entry
         ON specialty_entry.kind = 'specialty' AND specialty_entry.name = cs.name
       WHERE license_entry.kind = 'license' AND license_entry.category = 'dental'
         AND specialty_entry.category NOT IN ('', 'dental')
       UNION ALL
       SELECT c.id, c.first_name, c.last_name, c.license, cs.name,
              license_entry.category,
              specialty_entry.category
       FROM catalog specialty_entry
       CROSS JOIN candidate_specialties cs ON cs.name = specialty_entry.name
       CROSS JOIN candidates c ON c.id = cs.candidate_id
       CROSS JOIN catalog license_entry
         ON license_entry.kind = 'license' AND license_entry.name = c.license
       WHERE specialty_entry.kind = 'specialty' AND specialty_entry.category = 'dental'
         AND license_entry.category NOT IN ('', 'dental')
       ORDER BY 1 DESC, 5
       LIMIT ?`,
    )
    .all(limit) as {
    candidateId: number;
    firstName: string;
    lastName: string;
    license: string;
    specialty: string;
    licenseCategory: string;
    specialtyCategory: string;
  }[];
  return rows.map((row) => ({
    candidateId: row.candidateId,
    candidateName: [row.lastName, row.firstName].filter(Boolean).join(", "),
    license: row.license,
    specialty: row.specialty,
    message:
      `License ${row.license} is ${row.licenseCategory} but specialty ` +
      `${row.specialty} is ${row.specialtyCategory}; LJO pairs medical ` +
      `licenses only with medical specialties and dental with dental. Check ` +
      `this candidate in LJO before importing them into the ATS.`,
  }));
}

function toMappingRow(kind: CatalogKind, record: MappingRowRecord): MappingRow {
  return {
    kind,
    name: record.name,
    ljoId: record.ljo_id,
    fullName: record.full_name,
    category: record.category,
    source: record.source,
    atsValue: record.ats_value,
    candidateCount: record.candidate_count,
  };
}
