/**
 * Decoders for the JSON text columns. A column that contains invalid JSON or a
 * value of another shape decodes as empty instead of throwing, so one bad
 * row cannot break a whole list.
 */

export function decodeStringList(text: string | null): string[] {
  const value = parseJson(text);
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === "string");
}

export function decodeObject(text: string | null): Record<string, unknown> {
  const value = parseJson(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {};
  }
  return value as Record<string, unknown>;
}

export function decodeStringRecord(
  text: string | null,
): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [key, value] of Object.entries(decodeObject(text))) {
    record[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return record;
}

function parseJson(text: string | null): unknown {
  if (text === null || text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
