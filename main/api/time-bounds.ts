import { InvalidRequestError } from "./errors";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Converts an inclusive bound of the candidate list's date filter to the
 * ISO 8601 UTC form stored in last_event_at, so that string comparison in
 * SQL orders correctly. A date without a time covers that whole day in UTC.
 */
export function normalizeTimeBound(
  field: "from" | "to",
  value: string | undefined,
): string | undefined {
  const text = value?.trim() ?? "";
  if (text === "") return undefined;

  if (DATE_ONLY.test(text) && !Number.isNaN(Date.parse(text))) {
    return field === "from" ? `${text}T00:00:00.000Z` : `${text}T23:59:59.999Z`;
  }

  const time = Date.parse(text);
  if (Number.isNaN(time)) {
    throw new InvalidRequestError(
      `Invalid "${field}" time "${text}": use ISO 8601, for example ` +
        `2024-05-01 or 2024-05-01T09:30:00Z.`,
    );
  }
  return new Date(time).toISOString();
}
