/** Formats a count with the noun that agrees with it: "1 candidate", "2 candidates". */
export function formatCount(
  count: number,
  singular: string,
  plural: string,
): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? singular : plural}`;
}
