import {
  GENERIC_EXPORT_COLUMNS,
  MULTI_VALUE_SEPARATOR,
} from "../../shared/export-columns";
import type { ExportCandidate } from "../store/export-queries";
import type { MappingTables } from "../store/mapping-queries";

/** Returns the phone column: E.164 where known, else the number as sent. */
export function exportPhone(candidate: ExportCandidate): string {
  const number = candidate.phoneE164 || candidate.phone;
  return candidate.phoneExtension
    ? `${number} ext. ${candidate.phoneExtension}`
    : number;
}

/** Returns the specialties' ATS values, skipping those without a mapping. */
export function mappedSpecialties(
  candidate: ExportCandidate,
  mappings: MappingTables,
): string[] {
  return candidate.specialties
    .map((name) => mappings.specialty.get(name) ?? "")
    .filter((value) => value !== "");
}

/** Builds one row of the generic export, in the order of GENERIC_EXPORT_COLUMNS. */
export function genericRow(
  candidate: ExportCandidate,
  mappings: MappingTables,
): string[] {
  const join = (values: string[]) => values.join(MULTI_VALUE_SEPARATOR);
  const cells: Record<(typeof GENERIC_EXPORT_COLUMNS)[number], string> = {
    ljo_candidate_id: candidate.ljoCandidateId ?? "",
    first_name: candidate.firstName,
    last_name: candidate.lastName,
    email: candidate.email,
    phone: exportPhone(candidate),
    address: candidate.address,
    address2: candidate.address2,
    city: candidate.city,
    state: candidate.state,
    zip: candidate.zip,
    license: candidate.license,
    license_ats_id: mappings.license.get(candidate.license) ?? "",
    specialties: join(candidate.specialties),
    specialty_ats_ids: join(mappedSpecialties(candidate, mappings)),
    licensed_states: join(candidate.licensedStates),
    experience: candidate.experience,
    referral_source: candidate.referralSource,
    last_event: candidate.lastEvent,
    last_event_at: candidate.lastEventAt,
    first_seen_at: candidate.firstSeenAt,
    job_reference_numbers: join(candidate.jobReferenceNumbers),
  };
  return GENERIC_EXPORT_COLUMNS.map((column) => cells[column]);
}
