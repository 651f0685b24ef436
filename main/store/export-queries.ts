import type { ExportRecord } from "../../shared/contract";
import type { CandidateRow } from "./candidate-queries";
import type { Db } from "./database";
import { decodeStringList } from "./json-columns";

/** One candidate as the export presets read it. */
export interface ExportCandidate {
  id: number;
  ljoCandidateId: string | null;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  phoneE164: string;
  phoneExtension: string;
  address: string;
  address2: string;
  city: string;
  state: string;
  zip: string;
  license: string;
  specialties: string[];
  licensedStates: string[];
  experience: string;
  referralSource: string;
  lastEvent: string;
  lastEventAt: string;
  firstSeenAt: string;
  jobReferenceNumbers: string[];
}

type ExportCandidateRow = Omit<
  CandidateRow,
  "extra_json" | "last_seen_at" | "possible_duplicate_of" | "exported_at"
> & {
  /** JSON array of the job reference numbers of all the candidate's events. */
  job_references: string | null;
};

function selectSql(newOnly: boolean, limit: boolean): string {
  return `
    SELECT c.id, c.ljo_candidate_id, c.first_name, c.last_name, c.email, c.phone,
      c.phone_e164, c.phone_extension, c.address, c.address2, c.city, c.state,
      c.zip, c.license, c.specialties_json, c.licensed_states_json, c.experience,
      c.referral_source, c.last_event, c.last_event_at, c.first_seen_at,
      (SELECT json_group_array(DISTINCT refs.value)
         FROM lead_events e, json_each(e.job_references_json) refs
         WHERE e.candidate_id = c.id) AS job_references
    FROM candidates c
    ${newOnly ? "WHERE c.exported_at IS NULL" : ""}
    ORDER BY c.id
    ${limit ? "LIMIT ?" : ""}`;
}

/** Iterates candidates in id order without loading them all into memory. */
export function* iterateExportCandidates(
  db: Db,
  options: { newOnly: boolean; limit?: number },
): Generator<ExportCandidate> {
  const statement = db.prepare(
    selectSql(options.newOnly, options.limit !== undefined),
  );
  const rows = (
    options.limit !== undefined
      ? statement.iterate(options.limit)
      : statement.iterate()
  ) as IterableIterator<ExportCandidateRow>;
  for (const row of rows) yield toExportCandidate(row);
}

export function countExportCandidates(db: Db, newOnly: boolean): number {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM candidates ${newOnly ? "WHERE exported_at IS NULL" : ""}`,
    )
    .get() as { n: number };
  return row.n;
}

/** Marks candidates as exported, in one transaction. */
export function markExported(db: Db, ids: readonly number[], at: string): void {
  const update = db.prepare(
    "UPDATE candidates SET exported_at = ? WHERE id = ?",
  );
  const run = db.transaction(() => {
    for (const id of ids) update.run(at, id);
  });
  run.immediate();
}

export function insertExportRecord(
  db: Db,
  record: Omit<ExportRecord, "id">,
): ExportRecord {
  const result = db
    .prepare(
      `INSERT INTO exports (created_at, preset, options_json, row_count, files_json)
       VALUES (?, ?, ?, ?, ?)`,
    )
    .run(
      record.createdAt,
      record.preset,
      JSON.stringify(record.options),
      record.rowCount,
      JSON.stringify(record.files),
    );
  return { ...record, id: Number(result.lastInsertRowid) };
}

interface ExportRecordRow {
  id: number;
  created_at: string;
  preset: string;
  options_json: string;
  row_count: number;
  files_json: string;
}

function toExportRecord(row: ExportRecordRow): ExportRecord {
  return {
    id: row.id,
    createdAt: row.created_at,
    preset: row.preset,
    rowCount: row.row_count,
    files: JSON.parse(row.files_json) as string[],
    options: JSON.parse(row.options_json) as Record<string, unknown>,
  };
}

export function listExportRecords(db: Db): ExportRecord[] {
  const rows = db
    .prepare("SELECT * FROM exports ORDER BY id DESC LIMIT 500")
    .all() as ExportRecordRow[];
  return rows.map(toExportRecord);
}

export function getExportRecord(db: Db, id: number): ExportRecord | null {
  const row = db.prepare("SELECT * FROM exports WHERE id = ?").get(id) as
    ExportRecordRow | undefined;
  return row ? toExportRecord(row) : null;
}

function toExportCandidate(row: ExportCandidateRow): ExportCandidate {
  return {
    id: row.id,
    ljoCandidateId: row.ljo_candidate_id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    phoneE164: row.phone_e164,
    phoneExtension: row.phone_extension,
    address: row.address,
    address2: row.address2,
    city: row.city,
    state: row.state,
    zip: row.zip,
    license: row.license,
    specialties: decodeStringList(row.specialties_json),
    licensedStates: decodeStringList(row.licensed_states_json),
    experience: row.experience,
    referralSource: row.referral_source,
    lastEvent: row.last_event,
    lastEventAt: row.last_event_at,
    firstSeenAt: row.first_seen_at,
    jobReferenceNumbers: decodeStringList(row.job_references),
  };
}
