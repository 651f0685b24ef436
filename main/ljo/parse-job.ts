import {
  dateField,
  formatId,
  idField,
  listField,
  readFields,
  textField,
  toText,
} from "./field-reader";
import { normalizeSpecialtyList } from "./parse-candidate";
import { readDate } from "./parse-date";
import type { ParsedJob } from "./parsed-lead";
import { normalizeState } from "./us-states";

/**
 * The job fields that ParsedJob has columns for. LJO's samples spell the
 * start date "startdate" while its field table names it "startDate", so both are
 * read. Pay, shift and duration fields, and the HTML of description,
 * requirements and benefits, stay in `data` as sent.
 */
const JOB_FIELDS = {
  id: idField(),
  title: textField(),
  license: textField(),
  specialty: textField(),
  specialties: listField(),
  city: textField("a string or null"),
  state: textField(),
  zip: textField("a string or null"),
  referenceNumber: textField(),
  startDate: dateField(),
  startdate: dateField(),
  posted: dateField(),
};

/** Reads the job of a job or direct application (data.job). */
export function parseJob(
  source: Record<string, unknown>,
  path: string,
  warnings: string[],
): ParsedJob {
  const fields = readFields(JOB_FIELDS, source, path, warnings);

  const ljoJobId = formatId(fields.id);
  if (ljoJobId === null) {
    warnings.push(
      `${path}.id is missing, so this job cannot be matched to other applications for it.`,
    );
  }

  const startKey = hasText(fields.startDate) ? "startDate" : "startdate";
  const startText = hasText(fields.startDate)
    ? fields.startDate
    : fields.startdate;

  return {
    ljoJobId: ljoJobId ?? "",
    title: toText(fields.title),
    license: toText(fields.license),
    specialty: toText(fields.specialty),
    specialties:
      fields.specialties === null || fields.specialties === undefined
        ? []
        : normalizeSpecialtyList(fields.specialties),
    city: toNullableText(fields.city),
    state: normalizeState(toText(fields.state)),
    zip: toNullableText(fields.zip),
    referenceNumber: toText(fields.referenceNumber),
    startDate: readDate(startText, `${path}.${startKey}`, warnings),
    posted: readDate(fields.posted, `${path}.posted`, warnings),
    data: source,
  };
}

function hasText(value: string | null | undefined): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** LJO documents job city and zip as nullable, so null stays null. */
function toNullableText(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : value.trim();
}
