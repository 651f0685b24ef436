import { LEAD_EVENT_TYPES, type LeadEventType } from "../../shared/lead-events";
import { loadSample } from "./temp-data-dir";

const FIRST_NAMES = [
  "Maria",
  "James",
  "Aisha",
  "Wei",
  "José",
  "Zoë",
  "Olusegun",
  "Priya",
  "Łukasz",
  "Sarah",
  "Mohammed",
  "Ingrid",
];
const LAST_NAMES = [
  "Garcia",
  "Smith",
  "Okafor",
  "Chen",
  "Núñez",
  "O'Brien",
  "Patel",
  "Kowalski",
  "Nguyen",
  "Müller",
  "Haddad",
  "Johansson",
];
const AREA_CODES = ["502", "215", "617", "312", "415", "646", "713", "303"];
const LICENSES = ["MD", "DO", "CRNA", "NP", "PA", "DDS"];

/** The fields that tell one generated candidate from another. */
export interface GeneratedCandidate {
  ljoId: number;
  firstName: string;
  lastName: string;
  /** Lowercase, so it equals the stored `email_normalized`. */
  email: string;
  phone: string;
}

/** Returns the distinct candidate number `index` (0, 1, 2, ...) generates. */
export function generatedCandidate(index: number): GeneratedCandidate {
  const firstName = FIRST_NAMES[index % FIRST_NAMES.length] ?? "Maria";
  const lastName =
    LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length] ??
    "Garcia";
  const areaCode = AREA_CODES[index % AREA_CODES.length] ?? "502";
  // Exchange 200-999 and a 4-digit line keep the number a valid US number,
  // and together they are unique for the first 8 million indexes.
  const exchange = 200 + (Math.floor(index / 10_000) % 800);
  const line = String(index % 10_000).padStart(4, "0");
  return {
    ljoId: 500_000 + index,
    firstName,
    lastName,
    email: `lead${index}.${asciiOnly(lastName)}@example.com`,
    phone: `(${areaCode}) ${exchange}-${line}`,
  };
}

/** Returns the event of candidate `index`, so that all five events take turns. */
export function eventForIndex(index: number): LeadEventType {
  return LEAD_EVENT_TYPES[index % LEAD_EVENT_TYPES.length] ?? "new-lead";
}

/**
 * Builds LJO's sample payload for `event` with the candidate fields of
 * `generatedCandidate(index)`, so that every index stores a new candidate.
 */
export function leadPayload(
  index: number,
  event: LeadEventType = eventForIndex(index),
): Record<string, unknown> {
  const sample = freshSample(event);
  const candidate = generatedCandidate(index);
  const fields = {
    id: candidate.ljoId,
    first_name: candidate.firstName,
    last_name: candidate.lastName,
    email: candidate.email,
    phone: candidate.phone,
    license: LICENSES[index % LICENSES.length],
    experience: String(index % 40),
  };

  // new-lead is the deprecated event whose candidate sits in `lead`; the
  // other four nest it in `data.candidate`.
  if (event === "new-lead") {
    const lead = sample.lead as Record<string, unknown>;
    Object.assign(lead, fields, { sent: sentAt(index) });
    return sample;
  }
  const data = sample.data as Record<string, unknown>;
  Object.assign(data.candidate as Record<string, unknown>, fields, {
    sent: sentAt(index),
  });
  if (typeof data.job === "object" && data.job !== null) {
    Object.assign(data.job as Record<string, unknown>, {
      id: 9_000 + (index % 500),
      referenceNumber: `REF${index % 500}`,
    });
  }
  return sample;
}

/**
 * Produces webhook bodies the way a burst of LJO deliveries looks: mostly
 * new candidates across the five events, plus retries that repeat an
 * earlier body byte for byte (one in `retryEvery`).
 */
export class LeadBodyStream {
  private nextIndex: number;
  private sent = 0;
  private readonly recent: string[] = [];

  constructor(
    private readonly options: { firstIndex?: number; retryEvery?: number } = {},
  ) {
    this.nextIndex = options.firstIndex ?? 0;
  }

  /** Returns the next body and whether it repeats an earlier one. */
  next(): { body: string; retry: boolean; index: number | null } {
    this.sent += 1;
    const retryEvery = this.options.retryEvery ?? 10;
    if (this.recent.length > 0 && this.sent % retryEvery === 0) {
      const body = this.recent[this.sent % this.recent.length] ?? "";
      return { body, retry: true, index: null };
    }

    const index = this.nextIndex++;
    const body = JSON.stringify(leadPayload(index));
    if (this.recent.length < 64) this.recent.push(body);
    else this.recent[index % 64] = body;
    return { body, retry: false, index };
  }

  /** Distinct candidates produced so far. */
  get candidateCount(): number {
    return this.nextIndex - (this.options.firstIndex ?? 0);
  }
}

const samples = new Map<LeadEventType, Record<string, unknown>>();

/** Returns a deep copy of the sample, read from disk once per event. */
function freshSample(event: LeadEventType): Record<string, unknown> {
  let sample = samples.get(event);
  if (sample === undefined) {
    sample = loadSample(event);
    samples.set(event, sample);
  }
  return structuredClone(sample);
}

function asciiOnly(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
}

function sentAt(index: number): string {
  return new Date(Date.UTC(2025, 0, 1) + index * 1000).toISOString();
}
