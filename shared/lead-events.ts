/** The lead events that LocumJobsOnline sends, in the order its documentation lists them. */
export const LEAD_EVENT_TYPES = [
  "job-application-received",
  "direct-application-received",
  "real-time-lead-received",
  "lead-unlocked",
  "new-lead",
] as const;

export type LeadEventType = (typeof LEAD_EVENT_TYPES)[number];

export function isLeadEventType(value: unknown): value is LeadEventType {
  return (
    typeof value === "string" &&
    (LEAD_EVENT_TYPES as readonly string[]).includes(value)
  );
}

/**
 * Referral source names written to the ATS for each event. LJO recommends one
 * referral source per event type so that an agency can tell which program
 * produced a candidate. Recruiters can rename them in Settings.
 */
export const DEFAULT_REFERRAL_SOURCES: Record<LeadEventType, string> = {
  "job-application-received": "LocumJobsOnline - Job Application",
  "direct-application-received": "LocumJobsOnline - Direct Application",
  "real-time-lead-received": "LocumJobsOnline - Real-Time Lead",
  "lead-unlocked": "LocumJobsOnline - Unlocked Lead",
  "new-lead": "LocumJobsOnline - New Lead",
};

/** Short labels for the UI and notifications. */
export const LEAD_EVENT_LABELS: Record<LeadEventType, string> = {
  "job-application-received": "Job application",
  "direct-application-received": "Direct application",
  "real-time-lead-received": "Real-time lead",
  "lead-unlocked": "Unlocked lead",
  "new-lead": "New lead (deprecated)",
};
