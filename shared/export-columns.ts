/**
 * Columns of the generic CSV export, in the order ATS import templates expect
 * them. The header row is always written from this list, never from the first
 * data row, so an empty export still has a header.
 */
export const GENERIC_EXPORT_COLUMNS = [
  "ljo_candidate_id",
  "first_name",
  "last_name",
  "email",
  "phone",
  "address",
  "address2",
  "city",
  "state",
  "zip",
  "license",
  "license_ats_id",
  "specialties",
  "specialty_ats_ids",
  "licensed_states",
  "experience",
  "referral_source",
  "last_event",
  "last_event_at",
  "first_seen_at",
  "job_reference_numbers",
] as const;

export type GenericExportColumn = (typeof GENERIC_EXPORT_COLUMNS)[number];

/** Separator for cells that hold several values (specialties, states, ids). */
export const MULTI_VALUE_SEPARATOR = "; ";
