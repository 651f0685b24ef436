import type { LeadEventType } from "../../shared/lead-events";
import type { ParsedCandidate, ParsedLead } from "../ljo/parsed-lead";
import type { Db } from "./database";
import { decodeObject } from "./json-columns";

/** Result of storing one lead event in the candidate table. */
export interface AppliedLead {
  candidateId: number;
  leadEventId: number;
  isNewCandidate: boolean;
  /** Set when other candidates matched by a different key. */
  possibleDuplicateOf: number | null;
}

interface CandidateRow {
  id: number;
  ljo_candidate_id: string | null;
  last_event_at: string;
  first_seen_at: string;
  last_seen_at: string;
  possible_duplicate_of: number | null;
  extra_json: string;
  [column: string]: unknown;
}

/** Candidate columns filled from a payload. A newer event overwrites them when non-empty. */
const TEXT_COLUMNS = [
  ["first_name", (c: ParsedCandidate) => c.firstName],
  ["last_name", (c: ParsedCandidate) => c.lastName],
  ["email", (c: ParsedCandidate) => c.email],
  ["email_normalized", (c: ParsedCandidate) => c.emailNormalized],
  ["phone", (c: ParsedCandidate) => c.phone?.raw ?? ""],
  ["phone_e164", (c: ParsedCandidate) => c.phone?.e164 ?? ""],
  ["phone_extension", (c: ParsedCandidate) => c.phone?.extension ?? ""],
  ["address", (c: ParsedCandidate) => c.address],
  ["address2", (c: ParsedCandidate) => c.address2],
  ["city", (c: ParsedCandidate) => c.city],
  ["state", (c: ParsedCandidate) => c.state],
  ["zip", (c: ParsedCandidate) => c.zip],
  ["license", (c: ParsedCandidate) => c.license],
  ["experience", (c: ParsedCandidate) => c.experience],
  ["specialties_json", (c: ParsedCandidate) => listJson(c.specialties)],
  ["licensed_states_json", (c: ParsedCandidate) => listJson(c.licensedStates)],
] as const;

function listJson(values: string[]): string {
  return values.length > 0 ? JSON.stringify(values) : "";
}

/**
 * Writes the SQL of one lead event: the job, the candidate (matched or new),
 * the lead event and any license or specialty name missing from the catalog.
 * The caller runs it inside its transaction.
 */
export class LeadWriter {
  private readonly statements;
  /** Candidate writes name a varying set of columns; each distinct SQL text is prepared once. */
  private readonly preparedBySql = new Map<string, ReturnType<Db["prepare"]>>();

  constructor(private readonly db: Db) {
    this.statements = {
      byLjoId: db.prepare(
        "SELECT id FROM candidates WHERE ljo_candidate_id = ? ORDER BY id LIMIT 1",
      ),
      // The `<> ''` terms repeat the partial indexes' conditions: without
      // them SQLite cannot use those indexes and scans every candidate.
      byEmail: db.prepare(
        `SELECT id FROM candidates
         WHERE email_normalized = ? AND email_normalized <> '' ORDER BY id LIMIT 1`,
      ),
      byPhone: db.prepare(
        `SELECT id FROM candidates
         WHERE phone_e164 = ? AND phone_e164 <> '' ORDER BY id LIMIT 1`,
      ),
      candidate: db.prepare("SELECT * FROM candidates WHERE id = ?"),
      referralSource: db.prepare(
        "SELECT name FROM referral_sources WHERE event = ?",
      ),
      upsertJob: db.prepare(
        `INSERT INTO jobs (ljo_job_id, title, license, specialty, city, state, zip,
           reference_number, start_date, posted, data_json, updated_at)
         VALUES (@ljoJobId, @title, @license, @specialty, @city, @state, @zip,
           @referenceNumber, @startDate, @posted, @data, @now)
         ON CONFLICT (ljo_job_id) DO UPDATE SET
           title = excluded.title, license = excluded.license,
           specialty = excluded.specialty, city = excluded.city,
           state = excluded.state, zip = excluded.zip,
           reference_number = excluded.reference_number,
           start_date = excluded.start_date, posted = excluded.posted,
           data_json = excluded.data_json, updated_at = excluded.updated_at
         RETURNING id`,
      ),
      insertEvent: db.prepare(
        `INSERT INTO lead_events (candidate_id, delivery_id, event, occurred_at,
           received_at, referral_source, job_id, unlocked_by, job_references_json,
           payload_sha256)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      addSeenName: db.prepare(
        `INSERT INTO catalog (kind, name, source, first_seen_at)
         VALUES (?, ?, 'seen', ?) ON CONFLICT (kind, name) DO NOTHING`,
      ),
    };
  }

  apply(
    lead: ParsedLead,
    deliveryId: number,
    payloadSha256: string,
    receivedAt: string,
  ): AppliedLead {
    const eventAt = lead.occurredAt?.utc ?? receivedAt;
    const referralSource = this.referralSourceFor(lead.event);
    const jobId = this.upsertJob(lead, receivedAt);
    const matched = this.match(lead.candidate);
    const [targetId, ...others] = matched;
    const otherId = others[0] ?? null;

    let candidateId: number;
    if (targetId === undefined) {
      candidateId = this.insertCandidate(
        lead,
        eventAt,
        referralSource,
        receivedAt,
      );
    } else {
      candidateId = targetId;
      this.mergeCandidate(
        targetId,
        lead,
        eventAt,
        referralSource,
        receivedAt,
        otherId,
      );
    }

    const jobReferences = [
      lead.job?.referenceNumber ?? "",
      ...lead.jobApplications.map((application) => application.referenceNumber),
    ].filter((reference) => reference !== "");
    const inserted = this.statements.insertEvent.run(
      candidateId,
      deliveryId,
      lead.event,
      lead.occurredAt?.utc ?? lead.occurredAt?.raw ?? null,
      receivedAt,
      referralSource,
      jobId,
      lead.unlockedBy,
      JSON.stringify(jobReferences),
      payloadSha256,
    );

    this.recordSeenNames(lead.candidate, receivedAt);
    return {
      candidateId,
      leadEventId: Number(inserted.lastInsertRowid),
      isNewCandidate: targetId === undefined,
      possibleDuplicateOf: otherId,
    };
  }

  private referralSourceFor(event: LeadEventType): string {
    const row = this.statements.referralSource.get(event) as
      { name: string } | undefined;
    return row?.name ?? event;
  }

  private upsertJob(lead: ParsedLead, now: string): number | null {
    const job = lead.job;
    if (!job) return null;
    const row = this.statements.upsertJob.get({
      ljoJobId: job.ljoJobId,
      title: job.title,
      license: job.license,
      specialty: job.specialty,
      city: job.city,
      state: job.state,
      zip: job.zip,
      referenceNumber: job.referenceNumber,
      startDate: job.startDate?.utc ?? job.startDate?.raw ?? null,
      posted: job.posted?.utc ?? job.posted?.raw ?? null,
      data: JSON.stringify(job.data),
      now,
    }) as { id: number };
    return row.id;
  }

  /**
   * Returns the distinct candidates that match by LJO id, then normalized
   * email, then E.164 phone, in that order of trust.
   */
  private match(candidate: ParsedCandidate): number[] {
    const found: number[] = [];
    const lookups: [ReturnType<Db["prepare"]>, string | null | undefined][] = [
      [this.statements.byLjoId, candidate.ljoCandidateId],
      [this.statements.byEmail, candidate.emailNormalized],
      [this.statements.byPhone, candidate.phone?.e164],
    ];
    for (const [statement, key] of lookups) {
      if (!key) continue;
      const row = statement.get(key) as { id: number } | undefined;
      if (row && !found.includes(row.id)) found.push(row.id);
    }
    return found;
  }

  private insertCandidate(
    lead: ParsedLead,
    eventAt: string,
    referralSource: string,
    receivedAt: string,
  ): number {
    const candidate = lead.candidate;
    const values: Record<string, unknown> = {
      ljo_candidate_id: candidate.ljoCandidateId,
      extra_json: JSON.stringify(candidate.extra),
      referral_source: referralSource,
      last_event: lead.event,
      last_event_at: eventAt,
      first_seen_at: receivedAt,
      last_seen_at: receivedAt,
      updated_at: receivedAt,
    };
    for (const [column, read] of TEXT_COLUMNS) {
      values[column] = read(candidate) || defaultFor(column);
    }
    const columns = Object.keys(values);
    const result = this.prepareCached(
      `INSERT INTO candidates (${columns.join(", ")})
         VALUES (${columns.map((column) => `@${column}`).join(", ")})`,
    ).run(values);
    return Number(result.lastInsertRowid);
  }

  /**
   * Folds a lead into an existing candidate. A newer event overwrites every
   * column it has a non-empty value for and takes over the referral
   * attribution. An older one, such as a late retry, only fills empty columns.
   */
  private mergeCandidate(
    id: number,
    lead: ParsedLead,
    eventAt: string,
    referralSource: string,
    receivedAt: string,
    otherId: number | null,
  ): void {
    const existing = this.statements.candidate.get(id) as CandidateRow;
    const isNewer = eventAt >= existing.last_event_at;
    const candidate = lead.candidate;
    const values: Record<string, unknown> = {
      id,
      last_seen_at: maxIso(existing.last_seen_at, receivedAt),
      first_seen_at: minIso(existing.first_seen_at, receivedAt),
      updated_at: receivedAt,
      possible_duplicate_of: existing.possible_duplicate_of ?? otherId,
    };
    for (const [column, read] of TEXT_COLUMNS) {
      const incoming = read(candidate);
      const current = existing[column];
      const currentIsEmpty = current === "" || current === "[]";
      if (incoming && (isNewer || currentIsEmpty)) values[column] = incoming;
    }
    if (candidate.ljoCandidateId && (isNewer || !existing.ljo_candidate_id)) {
      values.ljo_candidate_id = candidate.ljoCandidateId;
    }
    const extra = decodeObject(existing.extra_json);
    values.extra_json = JSON.stringify(
      isNewer
        ? { ...extra, ...candidate.extra }
        : { ...candidate.extra, ...extra },
    );
    if (isNewer) {
      values.referral_source = referralSource;
      values.last_event = lead.event;
      values.last_event_at = eventAt;
    }
    // LJO's documentation tells agencies to upsert existing candidates with
    // the latest referral attribution, so a new event makes the candidate
    // part of the next "new only" export again.
    values.exported_at = null;
    const assignments = Object.keys(values)
      .filter((column) => column !== "id")
      .map((column) => `${column} = @${column}`);
    this.prepareCached(
      `UPDATE candidates SET ${assignments.join(", ")} WHERE id = @id`,
    ).run(values);
  }

  private prepareCached(sql: string): ReturnType<Db["prepare"]> {
    let statement = this.preparedBySql.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.preparedBySql.set(sql, statement);
    }
    return statement;
  }

  private recordSeenNames(
    candidate: ParsedCandidate,
    receivedAt: string,
  ): void {
    if (candidate.license) {
      this.statements.addSeenName.run("license", candidate.license, receivedAt);
    }
    for (const specialty of candidate.specialties) {
      this.statements.addSeenName.run("specialty", specialty, receivedAt);
    }
  }
}

function defaultFor(column: string): string {
  return column.endsWith("_json") ? "[]" : "";
}

function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}

function minIso(a: string, b: string): string {
  return a < b ? a : b;
}
