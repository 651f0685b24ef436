/**
 * LJO sends specialties and licensed_states either as an array of strings or
 * as one comma-separated string, and either may be empty. These helpers turn
 * both forms into one ordered list.
 */

/**
 * Names that contain a comma. `maxPieces` is the largest number of
 * comma-separated pieces in any of them, which bounds the look-ahead so that
 * splitting stays linear in the number of pieces.
 */
export interface CommaNames {
  maxPieces: number;
  matches(joined: string): boolean;
}

const NO_COMMA_NAMES: CommaNames = { maxPieces: 1, matches: () => false };

/**
 * Builds a case-insensitive matcher from the names of `names` that contain a
 * comma. `toKey` may loosen the match further, for example by dropping dots.
 */
export function commaNamesFrom(
  names: Iterable<string>,
  toKey: (name: string) => string = (name) => name.toLowerCase(),
): CommaNames {
  const keys = new Set<string>();
  let maxPieces = 1;
  for (const name of names) {
    const pieces = name.split(",").length;
    if (pieces > 1) {
      keys.add(toKey(name));
      maxPieces = Math.max(maxPieces, pieces);
    }
  }
  return { maxPieces, matches: (joined) => keys.has(toKey(joined)) };
}

/**
 * Splits a comma-separated string into trimmed, non-empty items. Adjacent
 * pieces are joined back when `commaNames` matches them joined by ", ",
 * because some names contain a comma: LJO's specialty "Wound, Burn & Ostomy",
 * or the state name "Washington, D.C.".
 */
export function splitCommaList(
  text: string,
  commaNames: CommaNames = NO_COMMA_NAMES,
): string[] {
  const pieces = text.split(",").map((piece) => piece.trim());
  const items: string[] = [];

  let start = 0;
  while (start < pieces.length) {
    let end = start;
    const lastTry = Math.min(pieces.length, start + commaNames.maxPieces) - 1;
    for (let candidate = lastTry; candidate > start; candidate -= 1) {
      if (commaNames.matches(pieces.slice(start, candidate + 1).join(", "))) {
        end = candidate;
        break;
      }
    }
    items.push(pieces.slice(start, end + 1).join(", "));
    start = end + 1;
  }

  return items.filter((item) => item !== "");
}

/**
 * Turns an array or a comma-separated string into a list of trimmed items,
 * without empties. Array items are trimmed but never split.
 */
export function toItemList(
  value: string | readonly string[],
  commaNames?: CommaNames,
): string[] {
  if (typeof value === "string") {
    return splitCommaList(value, commaNames);
  }
  return value.map((item) => item.trim()).filter((item) => item !== "");
}

/** Removes repeats case-insensitively, keeping the first spelling. */
export function dedupeIgnoringCase(items: readonly string[]): string[] {
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const item of items) {
    const key = item.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(item);
    }
  }
  return unique;
}
