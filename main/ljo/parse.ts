import type { CountryCode } from "libphonenumber-js";

import {
  isLeadEventType,
  LEAD_EVENT_TYPES,
  type LeadEventType,
} from "../../shared/lead-events";
import { dateField, readFields, textField, toText } from "./field-reader";
import { parseCandidate } from "./parse-candidate";
import { readDate } from "./parse-date";
import { parseJob } from "./parse-job";
import { parseJobApplications } from "./parse-job-applications";
import type { ParseOutcome, ParsedCandidate, ParsedJob } from "./parsed-lead";
import { describeValue, isRecord, ownValue, quoteText } from "./value-preview";

export interface ParseLeadOptions {
  /** Region for phone numbers sent without a country code; "US" by default. */
  defaultRegion?: CountryCode;
}

/** Maximum length of the event name kept on a quarantined delivery. */
const MAX_EVENT_LENGTH = 200;

const EXPECTED_EVENTS = LEAD_EVENT_TYPES.join(", ");

/** The fields of `data` next to the candidate, for the four current events. */
const DATA_FIELDS = {
  created_at: dateField(),
  unlocked_at: dateField(),
  unlocked_by: textField(),
};

const NEW_LEAD_FIELDS = {
  unlocked_by: textField("a string or null"),
};

/**
 * Parses one LJO webhook body into a lead, or a quarantine with a reason a
 * recruiter can read. Pure and synchronous. Odd values in single fields
 * become warnings, and only a body that is not an object, names no known
 * event or has no candidate with an id, email or phone is quarantined.
 */
export function parseLeadPayload(
  json: unknown,
  options: ParseLeadOptions = {},
): ParseOutcome {
  const defaultRegion = options.defaultRegion ?? "US";
  try {
    return parseEnvelope(json, defaultRegion);
  } catch (error) {
    // Every input is meant to be handled above, and the property tests check
    // that no generated input reaches this branch. It exists so that a parser
    // bug quarantines one delivery instead of failing the webhook request.
    const message = error instanceof Error ? error.message : String(error);
    return quarantine(
      null,
      `The app could not read this payload because of an internal error (${quoteText(message)}). It stays quarantined so that it can be reprocessed after an update.`,
    );
  }
}

function parseEnvelope(
  json: unknown,
  defaultRegion: CountryCode,
): ParseOutcome {
  if (!isRecord(json)) {
    return quarantine(
      null,
      `The payload is ${describeValue(json)}, not a JSON object, so it is not an LJO lead event.`,
    );
  }

  const event = ownValue(json, "event");
  if (event === undefined) {
    return quarantine(
      null,
      `The payload has no "event" field. Expected one of ${EXPECTED_EVENTS}.`,
    );
  }
  if (typeof event !== "string") {
    return quarantine(
      null,
      `The "event" field is ${describeValue(event)}, not an event name. Expected one of ${EXPECTED_EVENTS}.`,
    );
  }
  if (!isLeadEventType(event)) {
    return quarantine(
      event.slice(0, MAX_EVENT_LENGTH),
      `Unknown event ${quoteText(event)}. Expected one of ${EXPECTED_EVENTS}.`,
    );
  }

  if (event === "new-lead") {
    return parseNewLead(json, defaultRegion);
  }
  return parseDataEvent(event, json, defaultRegion);
}

/**
 * Parses the four current events, which carry `data.candidate`, plus
 * `data.job` for applications.
 */
function parseDataEvent(
  event: Exclude<LeadEventType, "new-lead">,
  json: Record<string, unknown>,
  defaultRegion: CountryCode,
): ParseOutcome {
  const data = ownValue(json, "data");
  if (!isRecord(data)) {
    return quarantine(
      event,
      `The ${event} event has no "data" object, so there is no candidate to add.`,
    );
  }
  const candidateSource = ownValue(data, "candidate");
  if (!isRecord(candidateSource)) {
    return quarantine(
      event,
      `The ${event} event has ${describeValue(candidateSource)} in data.candidate instead of a candidate, so there is no one to add.`,
    );
  }

  const warnings: string[] = [];
  const path = "data.candidate";
  const candidate = parseCandidate(
    candidateSource,
    path,
    defaultRegion,
    warnings,
  );
  if (!hasContactKey(candidate)) {
    return quarantine(event, missingContactReason(event, path));
  }

  const fields = readFields(DATA_FIELDS, data, "data", warnings);
  const occurredAt =
    event === "lead-unlocked" && fields.unlocked_at
      ? readDate(fields.unlocked_at, "data.unlocked_at", warnings)
      : readDate(fields.created_at, "data.created_at", warnings);
  const unlockedBy = toText(fields.unlocked_by);

  return {
    kind: "lead",
    lead: {
      event,
      occurredAt,
      candidate,
      job: readJob(event, data, warnings),
      jobApplications: parseJobApplications(
        ownValue(candidateSource, "job_applications"),
        `${path}.job_applications`,
        warnings,
      ),
      unlockedBy: unlockedBy === "" ? null : unlockedBy,
      warnings,
    },
  };
}

/**
 * Parses the deprecated new-lead event, which nests the candidate under
 * `lead` and whose `sent` time is when the event occurred.
 */
function parseNewLead(
  json: Record<string, unknown>,
  defaultRegion: CountryCode,
): ParseOutcome {
  const source = ownValue(json, "lead");
  if (!isRecord(source)) {
    return quarantine(
      "new-lead",
      `The new-lead event has ${describeValue(source)} in "lead" instead of a candidate, so there is no one to add.`,
    );
  }

  const warnings: string[] = [];
  const candidate = parseCandidate(source, "lead", defaultRegion, warnings);
  if (!hasContactKey(candidate)) {
    return quarantine("new-lead", missingContactReason("new-lead", "lead"));
  }

  const fields = readFields(NEW_LEAD_FIELDS, source, "lead", warnings);
  const unlockedBy = toText(fields.unlocked_by);

  return {
    kind: "lead",
    lead: {
      event: "new-lead",
      occurredAt: candidate.sentAt,
      candidate,
      job: null,
      jobApplications: parseJobApplications(
        ownValue(source, "job_applications"),
        "lead.job_applications",
        warnings,
      ),
      unlockedBy: unlockedBy === "" ? null : unlockedBy,
      warnings,
    },
  };
}

function readJob(
  event: LeadEventType,
  data: Record<string, unknown>,
  warnings: string[],
): ParsedJob | null {
  const job = ownValue(data, "job");
  if (isRecord(job)) {
    return parseJob(job, "data.job", warnings);
  }

  const isApplication =
    event === "job-application-received" ||
    event === "direct-application-received";
  if (isApplication || (job !== undefined && job !== null)) {
    warnings.push(
      `data.job is ${describeValue(job)} instead of a job object, so this lead is stored without its job.`,
    );
  }
  return null;
}

/** Dedupe needs at least one of LJO's candidate id, an email or a phone. */
function hasContactKey(candidate: ParsedCandidate): boolean {
  return (
    candidate.ljoCandidateId !== null ||
    candidate.emailNormalized !== "" ||
    candidate.phone !== null
  );
}

function missingContactReason(event: LeadEventType, path: string): string {
  return `The ${event} event's candidate (${path}) has no id, email or phone, so it cannot be matched to a person or contacted.`;
}

function quarantine(event: string | null, reason: string): ParseOutcome {
  return { kind: "quarantine", event, reason };
}
