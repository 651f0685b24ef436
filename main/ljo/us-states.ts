import { commaNamesFrom, dedupeIgnoringCase, toItemList } from "./list-values";

/**
 * USPS codes for the states, the District of Columbia and the inhabited
 * territories. LJO documents two-letter codes, but its new-lead sample sends
 * "West Virginia", so full names are mapped as well.
 */
const STATE_CODES_BY_NAME = new Map<string, string>(
  Object.entries({
    alabama: "AL",
    alaska: "AK",
    arizona: "AZ",
    arkansas: "AR",
    california: "CA",
    colorado: "CO",
    connecticut: "CT",
    delaware: "DE",
    florida: "FL",
    georgia: "GA",
    hawaii: "HI",
    idaho: "ID",
    illinois: "IL",
    indiana: "IN",
    iowa: "IA",
    kansas: "KS",
    kentucky: "KY",
    louisiana: "LA",
    maine: "ME",
    maryland: "MD",
    massachusetts: "MA",
    michigan: "MI",
    minnesota: "MN",
    mississippi: "MS",
    missouri: "MO",
    montana: "MT",
    nebraska: "NE",
    nevada: "NV",
    "new hampshire": "NH",
    "new jersey": "NJ",
    "new mexico": "NM",
    "new york": "NY",
    "north carolina": "NC",
    "north dakota": "ND",
    ohio: "OH",
    oklahoma: "OK",
    oregon: "OR",
    pennsylvania: "PA",
    "rhode island": "RI",
    "south carolina": "SC",
    "south dakota": "SD",
    tennessee: "TN",
    texas: "TX",
    utah: "UT",
    vermont: "VT",
    virginia: "VA",
    washington: "WA",
    "west virginia": "WV",
    wisconsin: "WI",
    wyoming: "WY",
    "district of columbia": "DC",
    "washington dc": "DC",
    "washington, dc": "DC",
    "american samoa": "AS",
    guam: "GU",
    "northern mariana islands": "MP",
    "puerto rico": "PR",
    "virgin islands": "VI",
    "us virgin islands": "VI",
    "united states virgin islands": "VI",
  }),
);

const STATE_CODES = new Set(STATE_CODES_BY_NAME.values());

/** LJO's marker for a multistate (Nurse Licensure Compact) license. */
export const COMPACT = "Compact";

const STATE_COMMA_NAMES = commaNamesFrom(STATE_CODES_BY_NAME.keys(), stateKey);

/** Lowercases, drops dots ("D.C.", "U.S.") and collapses whitespace. */
function stateKey(text: string): string {
  return text.toLowerCase().replace(/\./g, "").replace(/\s+/g, " ").trim();
}

/**
 * Maps a state name or code to its two-letter code, case-insensitively.
 * "Compact" in any case becomes "Compact". Unknown text is returned trimmed.
 */
export function normalizeState(text: string): string {
  const trimmed = text.trim();
  const key = stateKey(trimmed);

  const upper = key.toUpperCase();
  if (STATE_CODES.has(upper)) {
    return upper;
  }
  if (key === "compact") {
    return COMPACT;
  }
  return STATE_CODES_BY_NAME.get(key) ?? trimmed;
}

/**
 * Normalizes licensed_states: an array or comma-separated string of codes,
 * names or "Compact". Keeps LJO's order and drops empties and repeats.
 */
export function normalizeStateList(
  value: string | readonly string[],
): string[] {
  const items = toItemList(value, STATE_COMMA_NAMES).map(normalizeState);
  return dedupeIgnoringCase(items);
}
