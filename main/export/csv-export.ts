import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { dirname, extname, join, relative } from "node:path";
import Papa from "papaparse";

import {
  exportOptionsSchema,
  listCandidatesRequestSchema,
  type ExportOptions,
  type ExportPreview,
  type ExportRecord,
} from "../../shared/contract";
import { GENERIC_EXPORT_COLUMNS } from "../../shared/export-columns";
import type { Db } from "../store/database";
import {
  countExportCandidates,
  insertExportRecord,
  iterateExportCandidates,
  markExported,
  type ExportCandidate,
} from "../store/export-queries";
import { countCandidates } from "../store/candidate-queries";
import {
  readMappingTables,
  unmappedNames,
  type MappingTables,
} from "../store/mapping-queries";
import {
  BULLHORN_HEADER,
  BULLHORN_MAX_ROWS_PER_FILE,
  bullhornRow,
  shapeBullhornFile,
} from "./bullhorn-preset";
import { neutralizeFormula, UTF8_BOM } from "./csv-cells";
import { genericRow } from "./generic-preset";

const PREVIEW_ROWS = 20;
/** Rows serialized per write, to bound memory on large exports. */
const WRITE_CHUNK_ROWS = 2000;

export interface ExportResult {
  rowCount: number;
  /** Absolute paths of the files written. */
  paths: string[];
  rowsWithUnmappedValues: number;
  warnings: string[];
}

/** Reports progress of a long export: rows written so far and the total. */
export type ExportProgress = (written: number, total: number) => void;

function toCsv(rows: string[][]): string {
  const safe = rows.map((row) => row.map(neutralizeFormula));
  // Papa writes no trailing newline; the caller adds one between chunks.
  return Papa.unparse(safe, { newline: "\r\n", quotes: false });
}

/** Writes a file next to its final path and renames it, so a reader never sees half a file. */
class CsvFileWriter {
  private readonly temporaryPath: string;
  private readonly fd: number;

  constructor(
    readonly path: string,
    header: readonly string[],
    bom: boolean,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.temporaryPath = `${path}.partial`;
    this.fd = openSync(this.temporaryPath, "w");
    writeSync(this.fd, (bom ? UTF8_BOM : "") + toCsv([[...header]]) + "\r\n");
  }

  writeRows(rows: string[][]): void {
    if (rows.length > 0) writeSync(this.fd, toCsv(rows) + "\r\n");
  }

  finish(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.temporaryPath, this.path);
  }

  /** Removes the partial file after a failure, because it contains candidate data. */
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // Already closed by finish().
    }
    rmSync(this.temporaryPath, { force: true });
  }
}

/** Runs `write` with a new file writer, removing the partial file if it fails. */
function writeCsvFile(
  path: string,
  header: readonly string[],
  bom: boolean,
  write: (writer: CsvFileWriter) => void,
): void {
  const writer = new CsvFileWriter(path, header, bom);
  try {
    write(writer);
    writer.finish();
  } catch (error) {
    writer.abort();
    throw error;
  }
}

/**
 * Writes the candidates to CSV at `outPath`. The Bullhorn preset writes one
 * file per 1,000 rows, named `name-1.csv`, `name-2.csv` and so on when more
 * than one is needed. Candidates are marked exported only after every file
 * is on disk.
 */
export function exportCandidatesToFile(
  db: Db,
  outPath: string,
  input: ExportOptions,
  onProgress?: ExportProgress,
): ExportResult {
  const options = exportOptionsSchema.parse(input);
  const mappings = readMappingTables(db);
  const total = countExportCandidates(db, options.newOnly);
  const exportedIds: number[] = [];
  let rowsWithUnmappedValues = 0;
  const paths: string[] = [];
  const warnings: string[] = [];

  if (options.preset === "generic") {
    writeCsvFile(outPath, GENERIC_EXPORT_COLUMNS, options.bom, (writer) => {
      let chunk: string[][] = [];
      for (const candidate of iterateExportCandidates(db, options)) {
        chunk.push(genericRow(candidate, mappings));
        exportedIds.push(candidate.id);
        if (hasUnmappedValues(candidate, mappings)) rowsWithUnmappedValues += 1;
        if (chunk.length >= WRITE_CHUNK_ROWS) {
          writer.writeRows(chunk);
          chunk = [];
          onProgress?.(exportedIds.length, total);
        }
      }
      writer.writeRows(chunk);
    });
    paths.push(outPath);
  } else {
    let batch: string[][] = [];
    const flushBatch = () => {
      const file = shapeBullhornFile(batch);
      const path = numberedPath(outPath, paths.length + 1, total);
      writeCsvFile(path, file.header, options.bom, (writer) =>
        writer.writeRows(file.rows),
      );
      paths.push(path);
      warnings.push(...bullhornWarnings(path, file));
      batch = [];
      onProgress?.(exportedIds.length, total);
    };
    for (const candidate of iterateExportCandidates(db, options)) {
      batch.push(bullhornRow(candidate, mappings));
      exportedIds.push(candidate.id);
      if (hasUnmappedValues(candidate, mappings)) rowsWithUnmappedValues += 1;
      if (batch.length >= BULLHORN_MAX_ROWS_PER_FILE) flushBatch();
    }
    if (batch.length > 0 || paths.length === 0) flushBatch();
  }

  if (options.markExported && exportedIds.length > 0) {
    markExported(db, exportedIds, new Date().toISOString());
  }
  onProgress?.(exportedIds.length, total);
  return {
    rowCount: exportedIds.length,
    paths,
    rowsWithUnmappedValues,
    warnings,
  };
}

/**
 * Writes an export into the data folder's `exports` directory and records it
 * so that the UI can list it and download it again.
 */
export function createExport(
  db: Db,
  dataDir: string,
  input: ExportOptions,
  onProgress?: ExportProgress,
): ExportRecord & { warnings: string[] } {
  const options = exportOptionsSchema.parse(input);
  const createdAt = new Date().toISOString();
  const stamp = createdAt.replace(/[:.]/g, "-");
  const outPath = join(dataDir, "exports", `${stamp}-${options.preset}.csv`);
  const result = exportCandidatesToFile(db, outPath, options, onProgress);
  const record = insertExportRecord(db, {
    createdAt,
    preset: options.preset,
    rowCount: result.rowCount,
    files: result.paths.map((path) => relative(dataDir, path)),
    options,
  });
  return { ...record, warnings: result.warnings };
}

/** Returns the header and first rows an export would write, without writing. */
export function previewExport(db: Db, input: ExportOptions): ExportPreview {
  const options = exportOptionsSchema.parse(input);
  const mappings = readMappingTables(db);
  const total = countExportCandidates(db, options.newOnly);
  const rowsWithUnmappedValues = countCandidates(
    db,
    listCandidatesRequestSchema.parse({
      status: options.newOnly ? "new" : "all",
      unmappedOnly: true,
    }),
  );

  const sample = [
    ...iterateExportCandidates(db, { ...options, limit: PREVIEW_ROWS }),
  ];
  // Unmapped values are reported by count in rowsWithUnmappedValues; the
  // warnings list is for problems the count does not cover.
  const warnings: string[] = [];
  if (options.preset === "generic") {
    return {
      header: [...GENERIC_EXPORT_COLUMNS],
      rows: sample.map((candidate) => genericRow(candidate, mappings)),
      total,
      rowsWithUnmappedValues,
      warnings,
    };
  }
  const file = shapeBullhornFile(sample.map((c) => bullhornRow(c, mappings)));
  if (total > BULLHORN_MAX_ROWS_PER_FILE) {
    warnings.push(
      `Bullhorn imports at most ${BULLHORN_MAX_ROWS_PER_FILE} rows per file, so this ` +
        `export will be split into ${Math.ceil(total / BULLHORN_MAX_ROWS_PER_FILE)} files.`,
    );
  }
  warnings.push(...bullhornWarnings("the first file", file));
  warnings.push(
    "Source values must already exist in Bullhorn's Source list: check the referral " +
      "source names in Settings.",
  );
  return {
    header: sample.length > 0 ? file.header : [...BULLHORN_HEADER],
    rows: file.rows,
    total,
    rowsWithUnmappedValues,
    warnings,
  };
}

function bullhornWarnings(
  where: string,
  file: ReturnType<typeof shapeBullhornFile>,
): string[] {
  if (file.columnsEmptyInFirstRow.length === 0) return [];
  return [
    `In ${where}, no candidate has every column filled, so Bullhorn will drop ` +
      `these columns: ${file.columnsEmptyInFirstRow.join(", ")}.`,
  ];
}

function numberedPath(outPath: string, index: number, total: number): string {
  if (total <= BULLHORN_MAX_ROWS_PER_FILE) return outPath;
  const extension = extname(outPath) || ".csv";
  const base = outPath.slice(0, outPath.length - extname(outPath).length);
  return `${base}-${index}${extension}`;
}

function hasUnmappedValues(
  candidate: ExportCandidate,
  mappings: MappingTables,
): boolean {
  return (
    unmappedNames(candidate.license, candidate.specialties, mappings).length > 0
  );
}
