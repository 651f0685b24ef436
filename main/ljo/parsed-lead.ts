import type { LeadEventType } from "../../shared/lead-events";

/**
 * A phone number as LJO sent it and, where libphonenumber-js could read it,
 * in E.164 with any extension kept apart so that dedupe ignores it.
 */
export interface ParsedPhone {
  raw: string;
  e164: string | null;
  extension: string | null;
}

/**
 * A date or timestamp. `utc` is an ISO 8601 string in UTC, and a date-only
 * value stays `YYYY-MM-DD`. It is null when the raw text could not be parsed,
 * and the parser then adds a warning instead of rejecting the lead.
 */
export interface ParsedDate {
  raw: string;
  utc: string | null;
}

/** The candidate of one lead event, normalized for storage and dedupe. */
export interface ParsedCandidate {
  ljoCandidateId: string | null;
  firstName: string;
  lastName: string;
  /** Email as sent, trimmed. */
  email: string;
  /** Trimmed, Unicode NFC, lowercased: the dedupe key. Empty when missing. */
  emailNormalized: string;
  phone: ParsedPhone | null;
  address: string;
  address2: string;
  city: string;
  state: string;
  zip: string;
  license: string;
  experience: string;
  specialties: string[];
  /** Two-letter abbreviations where known, "Compact", or the text as sent. */
  licensedStates: string[];
  sentAt: ParsedDate | null;
  /**
   * Every field LJO sent that the columns above do not hold, unchanged except
   * that license_date_issued and license_date_expires become YYYY-MM-DD when
   * they parse.
   */
  extra: Record<string, unknown>;
}

/** The job of a job or direct application, as LJO describes it. */
export interface ParsedJob {
  ljoJobId: string;
  title: string;
  license: string;
  specialty: string;
  specialties: string[];
  city: string | null;
  state: string;
  zip: string | null;
  referenceNumber: string;
  startDate: ParsedDate | null;
  posted: ParsedDate | null;
  /** The whole job object as sent, unknown fields included. */
  data: Record<string, unknown>;
}

/** One entry of the deprecated new-lead event's job_applications list. */
export interface ParsedJobApplication {
  ljoJobId: string | null;
  title: string;
  referenceNumber: string;
  isDirectApplication: boolean | null;
  createdAt: ParsedDate | null;
}

/** One lead event, parsed from a webhook body. */
export interface ParsedLead {
  event: LeadEventType;
  /** created_at, unlocked_at or the new-lead's sent time. */
  occurredAt: ParsedDate | null;
  candidate: ParsedCandidate;
  job: ParsedJob | null;
  jobApplications: ParsedJobApplication[];
  unlockedBy: string | null;
  /** Values kept as sent because they could not be normalized. */
  warnings: string[];
}

/**
 * The outcome of parsing one webhook body. A body that is valid JSON but not
 * a usable lead is quarantined with `reason` so that it can be reprocessed
 * once the parser learns the new shape.
 */
export type ParseOutcome =
  | { kind: "lead"; lead: ParsedLead }
  | { kind: "quarantine"; event: string | null; reason: string };
