import type { LeadEventType } from "../../shared/lead-events";
import directApplication from "./samples/direct-application-received.json";
import jobApplication from "./samples/job-application-received.json";
import leadUnlocked from "./samples/lead-unlocked.json";
import newLead from "./samples/new-lead.json";
import realTimeLead from "./samples/real-time-lead-received.json";

/**
 * The sample POST payloads from LJO's webhook documentation, one per event,
 * as LJO's "Send Test Event" button sends them. They also show where LJO's
 * samples differ from its field tables: "startdate" in lower case, a phone
 * without a country code, and new-lead's string lists and job objects.
 */
export const SAMPLE_PAYLOADS: Readonly<
  Record<LeadEventType, Record<string, unknown>>
> = {
  "job-application-received": jobApplication,
  "direct-application-received": directApplication,
  "real-time-lead-received": realTimeLead,
  "lead-unlocked": leadUnlocked,
  "new-lead": newLead,
};
