import type { ExportCandidate } from "../store/export-queries";
import type { MappingTables } from "../store/mapping-queries";
import { exportPhone, mappedSpecialties } from "./generic-preset";

/**
 * Rules of Bullhorn's custom candidate import, from its knowledge base
 * article "Creating a CSV File for Data Import". Bullhorn drops any column
 * that the first data row leaves empty, and blank columns cause processing
 * errors. Picklist values (Source, Status, specialties) must already exist in
 * Bullhorn. Multiple values are separated by a comma with no space. Files are
 * split at 1,000 rows, the limit this app keeps to per import file.
 */
export const BULLHORN_MAX_ROWS_PER_FILE = 1000;

const BULLHORN_COLUMNS = [
  ["First Name", (c: ExportCandidate) => c.firstName],
  ["Last Name", (c: ExportCandidate) => c.lastName],
  ["Email", (c: ExportCandidate) => c.email],
  ["Mobile Phone", (c: ExportCandidate) => exportPhone(c)],
  ["Address", (c: ExportCandidate) => c.address],
  ["Address 2", (c: ExportCandidate) => c.address2],
  ["City", (c: ExportCandidate) => c.city],
  ["State", (c: ExportCandidate) => c.state],
  ["Zip", (c: ExportCandidate) => c.zip],
  ["Source", (c: ExportCandidate) => c.referralSource],
  [
    "Occupation",
    (c: ExportCandidate, m: MappingTables) => m.license.get(c.license) ?? "",
  ],
  [
    "Specialty",
    (c: ExportCandidate, m: MappingTables) => mappedSpecialties(c, m).join(","),
  ],
  ["Licensed States", (c: ExportCandidate) => c.licensedStates.join(",")],
  ["Experience", (c: ExportCandidate) => c.experience],
  ["LJO Candidate ID", (c: ExportCandidate) => c.ljoCandidateId ?? ""],
] as const;

export const BULLHORN_HEADER: readonly string[] = BULLHORN_COLUMNS.map(
  ([title]) => title,
);

export function bullhornRow(
  candidate: ExportCandidate,
  mappings: MappingTables,
): string[] {
  return BULLHORN_COLUMNS.map(([, read]) => read(candidate, mappings));
}

/** One Bullhorn import file: its header and rows after the rules above. */
export interface BullhornFile {
  header: string[];
  rows: string[][];
  /** Columns left out because no row of this file has a value for them. */
  droppedColumns: string[];
  /** Columns the first row still leaves empty: Bullhorn would drop them. */
  columnsEmptyInFirstRow: string[];
}

/**
 * Shapes up to 1,000 rows into a Bullhorn import file: columns empty in
 * every row are removed, and the fullest row is moved to the top so that
 * Bullhorn keeps as many columns as possible.
 */
export function shapeBullhornFile(rows: string[][]): BullhornFile {
  const keptIndexes = BULLHORN_HEADER.map((_, index) => index).filter((index) =>
    rows.some((row) => (row[index] ?? "") !== ""),
  );
  const droppedColumns = BULLHORN_HEADER.filter(
    (_, index) => !keptIndexes.includes(index),
  );
  const narrowed = rows.map((row) =>
    keptIndexes.map((index) => row[index] ?? ""),
  );

  let fullestIndex = 0;
  let fullestCount = -1;
  narrowed.forEach((row, index) => {
    const filled = row.filter((cell) => cell !== "").length;
    if (filled > fullestCount) {
      fullestCount = filled;
      fullestIndex = index;
    }
  });
  const ordered = [...narrowed];
  const [fullest] = ordered.splice(fullestIndex, 1);
  if (fullest) ordered.unshift(fullest);

  const header = keptIndexes.map((index) => BULLHORN_HEADER[index] ?? "");
  const columnsEmptyInFirstRow = header.filter(
    (_, index) => (ordered[0]?.[index] ?? "") === "",
  );
  return { header, rows: ordered, droppedColumns, columnsEmptyInFirstRow };
}
