import type { z } from "zod";

import type {
  CandidateDetail,
  jobSchema,
  leadEventSchema,
  mappedValueSchema,
} from "../../shared/contract";
import type { CatalogKind } from "../../shared/contract";
import {
  countCandidateEvents,
  readCandidateRow,
  toCandidateSummary,
} from "./candidate-queries";
import type { Db } from "./database";
import { decodeObject, decodeStringList } from "./json-columns";
import { readMappingTables } from "./mapping-queries";

type LeadEvent = z.infer<typeof leadEventSchema>;
type Job = z.infer<typeof jobSchema>;
type MappedValue = z.infer<typeof mappedValueSchema>;

interface LeadEventRow {
  id: number;
  event: string;
  occurred_at: string | null;
  received_at: string;
  referral_source: string;
  unlocked_by: string | null;
  delivery_id: number;
  job_references_json: string;
}

interface JobRow {
  id: number;
  ljo_job_id: string;
  title: string;
  license: string;
  specialty: string;
  city: string | null;
  state: string;
  zip: string | null;
  reference_number: string;
  start_date: string | null;
  posted: string | null;
  data_json: string;
}

/** Returns everything stored about one candidate, or undefined for an unknown id. */
export function readCandidateDetail(
  db: Db,
  id: number,
): CandidateDetail | undefined {
  const row = readCandidateRow(db, id);
  if (!row) return undefined;

  const summary = toCandidateSummary(
    row,
    countCandidateEvents(db, id),
    readMappingTables(db),
  );
  return {
    ...summary,
    phoneE164: row.phone_e164,
    phoneExtension: row.phone_extension,
    address: row.address,
    address2: row.address2,
    city: row.city,
    zip: row.zip,
    experience: row.experience,
    licensedStates: decodeStringList(row.licensed_states_json),
    referralSource: row.referral_source,
    lastSeenAt: row.last_seen_at,
    licenseMapping:
      row.license === "" ? null : readMappedValue(db, "license", row.license),
    specialtyMappings: summary.specialties.map((name) =>
      readMappedValue(db, "specialty", name),
    ),
    extra: decodeObject(row.extra_json),
    events: readLeadEvents(db, id),
    jobs: readJobs(db, id),
  };
}

function readMappedValue(db: Db, kind: CatalogKind, name: string): MappedValue {
  const row = db
    .prepare(
      `SELECT
         (SELECT ats_value FROM mappings WHERE kind = @kind AND name = @name) AS atsValue,
         EXISTS (SELECT 1 FROM catalog
                 WHERE kind = @kind AND name = @name AND source = 'ljo') AS known`,
    )
    .get({ kind, name }) as { atsValue: string | null; known: number };
  return { name, atsValue: row.atsValue, known: row.known === 1 };
}

/** Lead events, newest first by the time LJO gives (or the receive time). */
function readLeadEvents(db: Db, candidateId: number): LeadEvent[] {
  const rows = db
    .prepare(
      `SELECT id, event, occurred_at, received_at, referral_source, unlocked_by,
              delivery_id, job_references_json
       FROM lead_events WHERE candidate_id = ?
       ORDER BY COALESCE(occurred_at, received_at) DESC, id DESC`,
    )
    .all(candidateId) as LeadEventRow[];
  return rows.map((row) => ({
    id: row.id,
    event: row.event,
    occurredAt: row.occurred_at,
    receivedAt: row.received_at,
    referralSource: row.referral_source,
    unlockedBy: row.unlocked_by,
    deliveryId: row.delivery_id,
    jobReferenceNumbers: decodeStringList(row.job_references_json),
  }));
}

/** Jobs that the candidate's lead events name, most recently updated first. */
function readJobs(db: Db, candidateId: number): Job[] {
  const rows = db
    .prepare(
      `SELECT * FROM jobs WHERE id IN (
         SELECT job_id FROM lead_events
         WHERE candidate_id = ? AND job_id IS NOT NULL)
       ORDER BY updated_at DESC, id DESC`,
    )
    .all(candidateId) as JobRow[];
  return rows.map((row) => ({
    id: row.id,
    ljoJobId: row.ljo_job_id,
    title: row.title,
    license: row.license,
    specialty: row.specialty,
    city: row.city,
    state: row.state,
    zip: row.zip,
    referenceNumber: row.reference_number,
    startDate: row.start_date,
    posted: row.posted,
    data: decodeObject(row.data_json),
  }));
}
