import type { z } from "zod";

import type {
  CandidateSummary,
  ListCandidatesResponse,
  candidateSortFieldSchema,
  listCandidatesRequestSchema,
} from "../../shared/contract";
import {
  candidateSearchCondition,
  type SqlCondition,
} from "./candidate-search";
import type { Db } from "./database";
import { decodeStringList } from "./json-columns";
import {
  readMappingTables,
  unmappedNames,
  type MappingTables,
} from "./mapping-queries";

export type CandidateListQuery = z.output<typeof listCandidatesRequestSchema>;
type CandidateSortField = z.output<typeof candidateSortFieldSchema>;

/** Columns of `candidates` that the list and the detail view read. */
export interface CandidateRow {
  id: number;
  ljo_candidate_id: string | null;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  phone_e164: string;
  phone_extension: string;
  address: string;
  address2: string;
  city: string;
  state: string;
  zip: string;
  license: string;
  experience: string;
  specialties_json: string;
  licensed_states_json: string;
  extra_json: string;
  referral_source: string;
  last_event: string;
  last_event_at: string;
  first_seen_at: string;
  last_seen_at: string;
  possible_duplicate_of: number | null;
  exported_at: string | null;
}

/**
 * ORDER BY expressions. Each matches an index from migration 2 (or 1), so a
 * page is read in index order.
 */
// TODO: NOCASE folds ASCII letters only, so names starting with an accented
// letter ("Ávila") sort after "Z". A Unicode sort needs a folded key column
// that the candidate writer fills.

const SORT_EXPRESSIONS: Record<CandidateSortField, string> = {
  last_event_at: "c.last_event_at",
  first_seen_at: "c.first_seen_at",
  last_name: "c.last_name COLLATE NOCASE",
  first_name: "c.first_name COLLATE NOCASE",
  email: "c.email COLLATE NOCASE",
  license: "c.license",
  state: "c.state",
};

/**
 * Returns one page of candidates and the number of candidates that match
 * the filters. `from` and `to` must be ISO 8601 UTC strings in the format
 * stored in last_event_at; an empty `eventTypes` list does not filter.
 */
export function listCandidates(
  db: Db,
  query: CandidateListQuery,
): ListCandidatesResponse {
  const { where, params } = whereClause(query);
  const total = countCandidates(db, query);

  const direction = query.direction === "asc" ? "ASC" : "DESC";
  const rows = db
    .prepare(
      `SELECT c.* FROM candidates c ${where}
       ORDER BY ${SORT_EXPRESSIONS[query.sort]} ${direction}, c.id ${direction}
       LIMIT ? OFFSET ?`,
    )
    .all(...params, query.limit, query.offset) as CandidateRow[];

  const eventCounts = countEvents(
    db,
    rows.map((row) => row.id),
  );
  const mapped = readMappingTables(db);
  return {
    total,
    rows: rows.map((row) =>
      toCandidateSummary(row, eventCounts.get(row.id) ?? 0, mapped),
    ),
  };
}

/** Counts the candidates that match the filters of a list query. */
export function countCandidates(db: Db, query: CandidateListQuery): number {
  const { where, params } = whereClause(query);
  const row = db
    .prepare(`SELECT COUNT(*) AS total FROM candidates c ${where}`)
    .get(...params) as { total: number };
  return row.total;
}

function whereClause(query: CandidateListQuery): {
  where: string;
  params: unknown[];
} {
  const conditions = listConditions(query);
  const where =
    conditions.length > 0
      ? `WHERE ${conditions.map((condition) => condition.sql).join(" AND ")}`
      : "";
  return { where, params: conditions.flatMap((condition) => condition.params) };
}

export function readCandidateRow(db: Db, id: number): CandidateRow | undefined {
  return db.prepare("SELECT * FROM candidates WHERE id = ?").get(id) as
    CandidateRow | undefined;
}

export function countCandidateEvents(db: Db, id: number): number {
  return countEvents(db, [id]).get(id) ?? 0;
}

export function toCandidateSummary(
  row: CandidateRow,
  eventCount: number,
  mapped: MappingTables,
): CandidateSummary {
  const specialties = decodeStringList(row.specialties_json);
  return {
    id: row.id,
    ljoCandidateId: row.ljo_candidate_id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    license: row.license,
    specialties,
    state: row.state,
    lastEvent: row.last_event,
    lastEventAt: row.last_event_at,
    firstSeenAt: row.first_seen_at,
    eventCount,
    exportedAt: row.exported_at,
    possibleDuplicateOf: row.possible_duplicate_of,
    unmappedValues: unmappedNames(row.license, specialties, mapped),
  };
}

function listConditions(query: CandidateListQuery): SqlCondition[] {
  const conditions: SqlCondition[] = [];

  const search = candidateSearchCondition(query.search ?? "");
  if (search) conditions.push(search);

  if (query.eventTypes && query.eventTypes.length > 0) {
    conditions.push({
      sql: `c.id IN (SELECT candidate_id FROM lead_events
                     WHERE event IN (SELECT value FROM json_each(?)))`,
      params: [JSON.stringify(query.eventTypes)],
    });
  }

  if (query.status === "new") {
    conditions.push({ sql: "c.exported_at IS NULL", params: [] });
  } else if (query.status === "exported") {
    conditions.push({ sql: "c.exported_at IS NOT NULL", params: [] });
  }

  if (query.from !== undefined) {
    conditions.push({ sql: "c.last_event_at >= ?", params: [query.from] });
  }
  if (query.to !== undefined) {
    conditions.push({ sql: "c.last_event_at <= ?", params: [query.to] });
  }

  if (query.unmappedOnly) {
    conditions.push({
      sql: `((c.license <> '' AND NOT EXISTS (
                SELECT 1 FROM mappings m
                WHERE m.kind = 'license' AND m.name = c.license))
             OR c.id IN (
                SELECT cs.candidate_id FROM candidate_specialties cs
                WHERE NOT EXISTS (
                  SELECT 1 FROM mappings m
                  WHERE m.kind = 'specialty' AND m.name = cs.name)))`,
      params: [],
    });
  }
  return conditions;
}

/** Counts lead events per candidate for the given ids only. */
function countEvents(db: Db, ids: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  if (ids.length === 0) return counts;

  const rows = db
    .prepare(
      `SELECT candidate_id AS id, COUNT(*) AS count FROM lead_events
       WHERE candidate_id IN (SELECT value FROM json_each(?))
       GROUP BY candidate_id`,
    )
    .all(JSON.stringify(ids)) as { id: number; count: number }[];
  for (const row of rows) counts.set(row.id, row.count);
  return counts;
}
