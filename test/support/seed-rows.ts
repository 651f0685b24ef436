import type { Db } from "../../main/store/database";

/**
 * Small SQL fixtures for the API tests: rows are written directly, so the
 * tests of the read path do not depend on the ingestor. Every value has a
 * default; a test passes only the columns it checks.
 */

const DEFAULT_TIME = "2024-05-01T12:00:00.000Z";

export interface CandidateSeed {
  ljoCandidateId?: string | null;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  phoneE164?: string;
  state?: string;
  license?: string;
  specialties?: string[];
  licensedStates?: string[];
  extra?: Record<string, unknown>;
  lastEvent?: string;
  lastEventAt?: string;
  firstSeenAt?: string;
  exportedAt?: string | null;
  possibleDuplicateOf?: number | null;
}

export function insertCandidate(db: Db, seed: CandidateSeed = {}): number {
  const email = seed.email ?? "";
  const result = db
    .prepare(
      `INSERT INTO candidates (ljo_candidate_id, first_name, last_name, email,
         email_normalized, phone, phone_e164, state, license, specialties_json,
         licensed_states_json, extra_json, referral_source, last_event,
         last_event_at, first_seen_at, last_seen_at, possible_duplicate_of,
         exported_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      seed.ljoCandidateId ?? null,
      seed.firstName ?? "",
      seed.lastName ?? "",
      email,
      email.trim().normalize("NFC").toLowerCase(),
      seed.phone ?? "",
      seed.phoneE164 ?? "",
      seed.state ?? "",
      seed.license ?? "",
      JSON.stringify(seed.specialties ?? []),
      JSON.stringify(seed.licensedStates ?? []),
      JSON.stringify(seed.extra ?? {}),
      "LocumJobsOnline - Real-Time Lead",
      seed.lastEvent ?? "real-time-lead-received",
      seed.lastEventAt ?? DEFAULT_TIME,
      seed.firstSeenAt ?? seed.lastEventAt ?? DEFAULT_TIME,
      seed.lastEventAt ?? DEFAULT_TIME,
      seed.possibleDuplicateOf ?? null,
      seed.exportedAt ?? null,
      DEFAULT_TIME,
    );
  return Number(result.lastInsertRowid);
}

export interface DeliverySeed {
  receivedAt?: string;
  event?: string | null;
  status?: "processed" | "duplicate" | "quarantined";
  statusCode?: number;
  error?: string | null;
  headers?: Record<string, string>;
  body?: Buffer | string;
  warnings?: string[];
  signatureValid?: boolean | null;
  leadEventId?: number | null;
}

export function insertDelivery(db: Db, seed: DeliverySeed = {}): number {
  const signatureValid =
    seed.signatureValid === undefined || seed.signatureValid === null
      ? null
      : Number(seed.signatureValid);
  const result = db
    .prepare(
      `INSERT INTO deliveries (received_at, remote_address, method, path,
         headers_json, body, event, status, status_code, error, warnings_json,
         latency_ms, lead_event_id, signature_valid)
       VALUES (?, '127.0.0.1', 'POST', '/webhook', ?, ?, ?, ?, ?, ?, ?, 4.5, ?, ?)`,
    )
    .run(
      seed.receivedAt ?? DEFAULT_TIME,
      JSON.stringify(seed.headers ?? { "content-type": "application/json" }),
      Buffer.from(seed.body ?? "{}"),
      seed.event === undefined ? "real-time-lead-received" : seed.event,
      seed.status ?? "processed",
      seed.statusCode ?? 200,
      seed.error ?? null,
      JSON.stringify(seed.warnings ?? []),
      seed.leadEventId ?? null,
      signatureValid,
    );
  return Number(result.lastInsertRowid);
}

export interface RejectedSeed {
  receivedAt?: string;
  statusCode?: number;
  error?: string;
  headers?: Record<string, string>;
  body?: Buffer | null;
}

export function insertRejectedRequest(db: Db, seed: RejectedSeed = {}): number {
  const result = db
    .prepare(
      `INSERT INTO rejected_requests (received_at, remote_address, method, path,
         headers_json, status_code, error, body, latency_ms)
       VALUES (?, '127.0.0.1', 'POST', '/webhook', ?, ?, ?, ?, 1.5)`,
    )
    .run(
      seed.receivedAt ?? DEFAULT_TIME,
      JSON.stringify(seed.headers ?? {}),
      seed.statusCode ?? 401,
      seed.error ?? "Missing Authorization header",
      seed.body ?? null,
    );
  return Number(result.lastInsertRowid);
}

export interface LeadEventSeed {
  candidateId: number;
  event?: string;
  occurredAt?: string | null;
  receivedAt?: string;
  jobId?: number | null;
  unlockedBy?: string | null;
  jobReferences?: string[];
}

let payloadCounter = 0;

/**
 * Inserts a lead event and the processed delivery it came from, and links
 * the delivery to it, as the ingestor does.
 */
export function insertLeadEvent(
  db: Db,
  seed: LeadEventSeed,
): { leadEventId: number; deliveryId: number } {
  const event = seed.event ?? "real-time-lead-received";
  const receivedAt = seed.receivedAt ?? DEFAULT_TIME;
  const deliveryId = insertDelivery(db, { receivedAt, event });
  payloadCounter += 1;
  const result = db
    .prepare(
      `INSERT INTO lead_events (candidate_id, delivery_id, event, occurred_at,
         received_at, referral_source, job_id, unlocked_by, job_references_json,
         payload_sha256)
       VALUES (?, ?, ?, ?, ?, 'LocumJobsOnline - Test', ?, ?, ?, ?)`,
    )
    .run(
      seed.candidateId,
      deliveryId,
      event,
      seed.occurredAt === undefined ? receivedAt : seed.occurredAt,
      receivedAt,
      seed.jobId ?? null,
      seed.unlockedBy ?? null,
      JSON.stringify(seed.jobReferences ?? []),
      `sha-${process.pid}-${payloadCounter}`,
    );
  const leadEventId = Number(result.lastInsertRowid);
  db.prepare("UPDATE deliveries SET lead_event_id = ? WHERE id = ?").run(
    leadEventId,
    deliveryId,
  );
  return { leadEventId, deliveryId };
}

export function insertJob(
  db: Db,
  seed: { ljoJobId: string; title?: string; referenceNumber?: string },
): number {
  const result = db
    .prepare(
      `INSERT INTO jobs (ljo_job_id, title, license, specialty, state,
         reference_number, data_json, updated_at)
       VALUES (?, ?, 'MD', 'Cardiology', 'KY', ?, ?, ?)`,
    )
    .run(
      seed.ljoJobId,
      seed.title ?? "Locum Cardiologist",
      seed.referenceNumber ?? "",
      JSON.stringify({ id: seed.ljoJobId, shift: "days" }),
      DEFAULT_TIME,
    );
  return Number(result.lastInsertRowid);
}

export function insertMapping(
  db: Db,
  kind: "license" | "specialty",
  name: string,
  atsValue: string,
): void {
  db.prepare(
    "INSERT INTO mappings (kind, name, ats_value, updated_at) VALUES (?, ?, ?, ?)",
  ).run(kind, name, atsValue, DEFAULT_TIME);
}
