import Papa from "papaparse";

import type { CatalogKind, MappingRow } from "../../shared/contract";
import type { MappingChange } from "../store/mapping-queries";

export const MAPPING_CSV_COLUMNS = ["kind", "name", "ats_value"] as const;

/** Maximum length of a name or ATS value, the same limit as saveMapping's schema. */
const MAX_VALUE_LENGTH = 200;

/** Errors listed in full; the rest are counted in one last message. */
const MAX_LISTED_ERRORS = 100;

/**
 * A cell that a spreadsheet would run as a formula, after the leading
 * apostrophe that `formatMappingsCsv` (papaparse's escapeFormulae) adds.
 */
const ESCAPED_FORMULA = /^'[=+\-@\t\r]/;

export interface ParsedMappingsCsv {
  changes: MappingChange[];
  errors: string[];
}

/**
 * Parses a mappings CSV with the header `kind,name,ats_value` (any case, in
 * any order, other columns ignored, a UTF-8 BOM tolerated). An empty
 * ats_value removes the mapping. A row with an unknown kind, an empty name or
 * a value over 200 characters is reported with its line number and left out.
 * The caller applies the other rows.
 */
export function parseMappingsCsv(csv: string): ParsedMappingsCsv {
  const text = csv.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const changes: MappingChange[] = [];
  const errors: string[] = [];
  let columns: Map<string, number> | null = null;
  let headerError: string | null = null;
  let rowStart = 0;
  let line = 1;

  Papa.parse<string[]>(text, {
    newline: "\n",
    step: (result, parser) => {
      // The cursor is the offset of the newline that ends the row, so a
      // quoted cell spanning lines is counted before the next row starts.
      const rowEnd = result.meta.cursor;
      const rowLine = line;
      line += countNewlines(text, rowStart, rowEnd + 1);
      rowStart = rowEnd + 1;

      const cells = result.data;
      if (cells.every((cell) => cell.trim() === "")) return;
      if (result.errors.length > 0) {
        errors.push(
          `Line ${rowLine}: ${result.errors[0]?.message ?? "invalid CSV"}.`,
        );
        return;
      }

      if (columns === null) {
        columns = headerColumns(cells);
        if (columns === null) {
          headerError =
            `Line ${rowLine}: the header must name the columns kind, name and ` +
            `ats_value; found "${truncate(cells.join(","), 200)}". Add that header row and import again.`;
          parser.abort();
        }
        return;
      }

      const parsed = parseRow(cells, columns, rowLine);
      if (typeof parsed === "string") errors.push(parsed);
      else changes.push(parsed);
    },
  });

  if (headerError !== null) return { changes: [], errors: [headerError] };
  if (columns === null) {
    return {
      changes: [],
      errors: ["The file is empty: it needs the header kind,name,ats_value."],
    };
  }
  return { changes, errors: limitErrors(errors) };
}

/**
 * Writes every listed name with its ATS value (empty when unmapped), so the
 * file can be filled in a spreadsheet and imported back. Cells that a
 * spreadsheet would run as formulas get a leading apostrophe, which
 * `parseMappingsCsv` removes again.
 */
export function formatMappingsCsv(rows: readonly MappingRow[]): string {
  return Papa.unparse(
    {
      fields: [...MAPPING_CSV_COLUMNS],
      data: rows.map((row) => [row.kind, row.name, row.atsValue ?? ""]),
    },
    { escapeFormulae: true, newline: "\r\n" },
  );
}

function headerColumns(cells: string[]): Map<string, number> | null {
  const columns = new Map<string, number>();
  cells.forEach((cell, index) => {
    const name = cell.trim().toLowerCase();
    if (!columns.has(name)) columns.set(name, index);
  });
  return MAPPING_CSV_COLUMNS.every((column) => columns.has(column))
    ? columns
    : null;
}

function parseRow(
  cells: string[],
  columns: Map<string, number>,
  line: number,
): MappingChange | string {
  const cell = (column: (typeof MAPPING_CSV_COLUMNS)[number]) =>
    unescapeFormula((cells[columns.get(column) ?? -1] ?? "").trim());

  const kind = cell("kind").toLowerCase();
  const name = cell("name");
  const atsValue = cell("ats_value");

  if (kind !== "license" && kind !== "specialty") {
    return `Line ${line}: unknown kind "${kind}"; use license or specialty.`;
  }
  if (name === "") return `Line ${line}: the name is empty.`;
  if (name.length > MAX_VALUE_LENGTH || atsValue.length > MAX_VALUE_LENGTH) {
    return `Line ${line}: the name or ATS value is longer than ${MAX_VALUE_LENGTH} characters.`;
  }
  return {
    kind: kind satisfies CatalogKind,
    name,
    atsValue: atsValue === "" ? null : atsValue,
  };
}

function unescapeFormula(value: string): string {
  return ESCAPED_FORMULA.test(value) ? value.slice(1) : value;
}

function countNewlines(text: string, start: number, end: number): number {
  let count = 0;
  for (let index = start; index < end && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) count++;
  }
  return count;
}

function limitErrors(errors: string[]): string[] {
  if (errors.length <= MAX_LISTED_ERRORS) return errors;
  const hidden = errors.length - MAX_LISTED_ERRORS;
  return [
    ...errors.slice(0, MAX_LISTED_ERRORS),
    `${hidden} more rows have errors; fix the ones above and import again to see them.`,
  ];
}

/** Shortens text quoted back in an error, so a wrong file cannot flood the UI. */
function truncate(text: string, maxLength: number): string {
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}
