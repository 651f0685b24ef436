import {
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from "libphonenumber-js";

import type { ParsedPhone } from "./parsed-lead";

/**
 * Reads a phone number in any format with libphonenumber-js ("min" metadata).
 * `e164` is set when the number has a possible length for its country
 * (isPossible), which is looser than isValid: numbers with an unassigned area
 * code still get an E.164 form so that dedupe can match them.
 *
 * LJO's own samples send "1234567890" and "+1234567890". With the default
 * region US the first becomes "+11234567890" (ten digits, a possible US
 * length, although area code 123 does not exist). The second is +1 followed
 * by nine digits, too short for the North American plan, so its `e164` is
 * null and the parser adds a warning.
 */
export function normalizePhone(
  raw: string,
  defaultRegion: CountryCode,
): ParsedPhone {
  const parsed = tryParsePhone(raw.trim(), defaultRegion);
  if (parsed === undefined || !parsed.isPossible()) {
    return { raw, e164: null, extension: null };
  }
  return { raw, e164: parsed.number, extension: parsed.ext ?? null };
}

function tryParsePhone(
  text: string,
  defaultRegion: CountryCode,
): PhoneNumber | undefined {
  try {
    return parsePhoneNumberFromString(text, { defaultCountry: defaultRegion });
  } catch {
    // parsePhoneNumberFromString returns undefined for unreadable text and,
    // in libphonenumber-js 1.13, for an unknown region too. A throw on some
    // other input must still cost only the phone, not the lead.
    return undefined;
  }
}
