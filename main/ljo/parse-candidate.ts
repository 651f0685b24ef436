import type { CountryCode } from "libphonenumber-js";

import { LJO_LICENSES, LJO_SPECIALTIES } from "./catalog-data";
import {
  dateField,
  formatId,
  idField,
  listField,
  readFields,
  textField,
  textOrNumberField,
  toText,
} from "./field-reader";
import { commaNamesFrom, dedupeIgnoringCase, toItemList } from "./list-values";
import { isPlausibleEmail, normalizeEmail } from "./normalize-email";
import { normalizePhone } from "./normalize-phone";
import { invalidDateWarning, normalizeDateText, readDate } from "./parse-date";
import type { ParsedCandidate, ParsedPhone } from "./parsed-lead";
import { normalizeState, normalizeStateList } from "./us-states";
import { describeValue, quoteText } from "./value-preview";

/** The candidate fields that ParsedCandidate has columns for. */
const CANDIDATE_FIELDS = {
  id: idField(),
  first_name: textField(),
  last_name: textField(),
  email: textField(),
  phone: textField(),
  address: textField(),
  address2: textField("a string or null"),
  city: textField(),
  state: textField(),
  zip: textField(),
  license: textField(),
  experience: textOrNumberField(),
  specialties: listField(),
  licensed_states: listField(),
  sent: dateField(),
};

/** new-lead fields that LJO documents as YYYY-MM-DD but sends as MM/DD/YYYY. */
const LICENSE_DATE_FIELDS = ["license_date_issued", "license_date_expires"];

const SPECIALTY_COMMA_NAMES = commaNamesFrom(
  [...LJO_SPECIALTIES, ...LJO_LICENSES].map((entry) => entry.name),
);

/**
 * Reads LJO's candidate object (data.candidate, or new-lead's lead). Values
 * of the wrong type and unparseable dates, phones and emails become warnings
 * with a best-effort value. Fields without a column are kept in `extra`.
 */
export function parseCandidate(
  source: Record<string, unknown>,
  path: string,
  defaultRegion: CountryCode,
  warnings: string[],
): ParsedCandidate {
  const fields = readFields(CANDIDATE_FIELDS, source, path, warnings);

  const email = toText(fields.email);
  const emailNormalized = normalizeEmail(email);
  if (email !== "" && !isPlausibleEmail(emailNormalized)) {
    warnings.push(
      `${path}.email ${quoteText(email)} does not look like an email address. It is kept as sent, so check it before exporting.`,
    );
  }

  const specialties = capList(
    fields.specialties === null || fields.specialties === undefined
      ? []
      : normalizeSpecialtyList(fields.specialties),
    `${path}.specialties`,
    warnings,
  );
  const licensedStates = capList(
    fields.licensed_states === null || fields.licensed_states === undefined
      ? []
      : normalizeStateList(fields.licensed_states),
    `${path}.licensed_states`,
    warnings,
  );

  return {
    ljoCandidateId: formatId(fields.id),
    firstName: toText(fields.first_name),
    lastName: toText(fields.last_name),
    email,
    emailNormalized,
    phone: readPhone(fields.phone, `${path}.phone`, defaultRegion, warnings),
    address: toText(fields.address),
    address2: toText(fields.address2),
    city: toText(fields.city),
    state: normalizeState(toText(fields.state)),
    zip: toText(fields.zip),
    license: toText(fields.license),
    experience: toText(fields.experience),
    specialties,
    licensedStates,
    sentAt: readDate(fields.sent, `${path}.sent`, warnings),
    extra: collectExtra(source, path, warnings),
  };
}

/**
 * Maximum list items kept per candidate. LJO lists 122 specialties and there
 * are 56 state codes, so a longer list is junk that would bloat the mappings
 * screen. The delivery body still has every item.
 */
export const MAX_LIST_ITEMS = 150;

function capList(items: string[], path: string, warnings: string[]): string[] {
  if (items.length <= MAX_LIST_ITEMS) return items;
  warnings.push(
    `${path} has ${items.length} items; only the first ${MAX_LIST_ITEMS} are kept. The delivery body on the Deliveries screen has them all.`,
  );
  return items.slice(0, MAX_LIST_ITEMS);
}

/**
 * Normalizes a specialty list: trimmed, empties dropped, LJO's order kept and
 * repeats removed, comparing case-insensitively.
 */
export function normalizeSpecialtyList(
  value: string | readonly string[],
): string[] {
  return dedupeIgnoringCase(toItemList(value, SPECIALTY_COMMA_NAMES));
}

function readPhone(
  value: string | null | undefined,
  path: string,
  defaultRegion: CountryCode,
  warnings: string[],
): ParsedPhone | null {
  if (value === null || value === undefined || value.trim() === "") {
    return null;
  }
  const phone = normalizePhone(value, defaultRegion);
  if (phone.e164 === null) {
    warnings.push(
      `${path} ${quoteText(value)} is not a possible phone number for region ${defaultRegion}. It is kept as sent but cannot be used to find duplicates.`,
    );
  }
  return phone;
}

/**
 * Copies the fields without a column, in LJO's order. License dates are
 * rewritten as YYYY-MM-DD when they parse. Properties are defined rather
 * than assigned so that a "__proto__" key stays an ordinary field.
 */
function collectExtra(
  source: Record<string, unknown>,
  path: string,
  warnings: string[],
): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (Object.hasOwn(CANDIDATE_FIELDS, key)) {
      continue;
    }
    const storedValue = LICENSE_DATE_FIELDS.includes(key)
      ? normalizeLicenseDate(value, `${path}.${key}`, warnings)
      : value;
    Object.defineProperty(extra, key, {
      value: storedValue,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return extra;
}

function normalizeLicenseDate(
  value: unknown,
  path: string,
  warnings: string[],
): unknown {
  if (value === null || value === "") {
    return value;
  }
  if (typeof value !== "string") {
    warnings.push(
      `${path} is ${describeValue(value)}, but LJO sends a date string there. It is kept as sent.`,
    );
    return value;
  }
  const date = normalizeDateText(value, { allowUsDate: true });
  if (date === null) {
    warnings.push(invalidDateWarning(path, value, { allowUsDate: true }));
    return value;
  }
  return date;
}
