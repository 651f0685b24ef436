import type { ParsedDate } from "./parsed-lead";
import { quoteText } from "./value-preview";

/**
 * LJO documents timestamps as ISO 8601 with an offset ("-05:00" in its
 * samples, "+00:00" in its field tables) and dates as YYYY-MM-DD. Offsets
 * written "+0000", "+00" or "Z" are accepted too. A timestamp without an
 * offset is rejected because its instant is unknown.
 */
const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** The new-lead event's license dates arrive as MM/DD/YYYY in LJO's sample. */
const US_DATE_PATTERN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export interface DateParseOptions {
  /** Also accept MM/DD/YYYY, as LJO sends license dates. */
  allowUsDate?: boolean;
}

/**
 * Converts LJO date text to `YYYY-MM-DD` (date only) or a UTC ISO string
 * (timestamps). Returns null for text in another format and for impossible
 * dates and times such as 2015-02-30 or 25:00.
 */
export function normalizeDateText(
  text: string,
  options: DateParseOptions = {},
): string | null {
  const trimmed = text.trim();

  const us = options.allowUsDate ? US_DATE_PATTERN.exec(trimmed) : null;
  if (us) {
    return formatCalendarDate(Number(us[3]), Number(us[1]), Number(us[2]));
  }

  const iso = ISO_PATTERN.exec(trimmed);
  if (!iso) {
    return null;
  }
  const [, year, month, day, hour, minute, second, fraction, offset] = iso;
  const date = formatCalendarDate(Number(year), Number(month), Number(day));
  if (date === null || hour === undefined) {
    return date;
  }

  if (offset === undefined) {
    return null;
  }
  const offsetMinutes = parseOffsetMinutes(offset);
  const h = Number(hour);
  const m = Number(minute);
  const s = Number(second ?? "0");
  if (offsetMinutes === null || h > 23 || m > 59 || s > 59) {
    return null;
  }
  const milliseconds = Number((fraction ?? "").slice(0, 3).padEnd(3, "0"));

  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const instant = new Date(0);
  instant.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  instant.setUTCHours(h, m, s, milliseconds);
  return new Date(instant.getTime() - offsetMinutes * 60_000).toISOString();
}

/**
 * Parses an optional date field. Missing, null and empty values return null
 * silently. Text that cannot be parsed keeps its raw value with `utc: null`
 * and adds a warning that names `path`.
 */
export function readDate(
  value: string | null | undefined,
  path: string,
  warnings: string[],
  options: DateParseOptions = {},
): ParsedDate | null {
  if (value === null || value === undefined || value.trim() === "") {
    return null;
  }
  const utc = normalizeDateText(value, options);
  if (utc === null) {
    warnings.push(invalidDateWarning(path, value, options));
  }
  return { raw: value, utc };
}

export function invalidDateWarning(
  path: string,
  value: string,
  options: DateParseOptions = {},
): string {
  const formats = options.allowUsDate
    ? "YYYY-MM-DD, MM/DD/YYYY or an ISO 8601 timestamp with an offset"
    : "YYYY-MM-DD or an ISO 8601 timestamp with an offset";
  return `${path} has the date ${quoteText(value)}, which is not a valid ${formats}. It is kept as sent without a normalized date.`;
}

function formatCalendarDate(
  year: number,
  month: number,
  day: number,
): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return null;
  }
  const yyyy = String(year).padStart(4, "0");
  const mm = String(month).padStart(2, "0");
  const dd = String(day).padStart(2, "0");
  return `${yyyy}-${mm}-${dd}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Returns minutes east of UTC for "Z", "+05", "+0530" or "-05:30", or null
 * when the offset is out of range.
 */
function parseOffsetMinutes(offset: string): number | null {
  if (offset === "Z" || offset === "z") {
    return 0;
  }
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || "0");
  if (hours > 23 || minutes > 59) {
    return null;
  }
  return sign * (hours * 60 + minutes);
}
