import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

import { DEFAULT_REFERRAL_SOURCES } from "../../shared/lead-events";
import { LJO_LICENSES, LJO_SPECIALTIES } from "../ljo/catalog-data";
import { MIGRATIONS, type Migration } from "./migrations";

export type Db = Database.Database;

/** Raised when the database was written by a newer version of the app. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly path: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The database ${path} has schema version ${found}, but this version of ` +
        `Locum Lead Inbox supports up to ${supported}. Install the newer version ` +
        `of the app that created it; the file was left unchanged.`,
    );
    this.name = "DatabaseTooNewError";
  }
}

/** Raised when the database or its folder cannot be opened for writing. */
export class DatabaseOpenError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = "DatabaseOpenError";
  }
}

/**
 * Opens (and creates) the SQLite database, applies pending migrations and
 * seeds LJO's catalog. WAL with synchronous=FULL makes every commit durable
 * before the webhook is acknowledged, and lets the export command read while
 * the listener writes. Problems a person can fix (a file where the folder
 * should be, a damaged or read-only file) raise DatabaseOpenError.
 */
export function openDatabase(
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Db {
  if (path !== ":memory:") createFolder(dirname(path));
  let db: Db;
  try {
    db = new Database(path);
  } catch (error) {
    throw describeOpenError(path, error);
  }
  try {
    // better-sqlite3 falls back to read-only when the file is not writable,
    // which would let the listener start and then reject every lead.
    if (db.readonly) {
      throw new DatabaseOpenError(
        `The database ${path} is read-only. Give the user running Locum Lead ` +
          `Inbox write permission on it and on its folder.`,
      );
    }
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    // A second process (the export command) may hold the write lock briefly.
    db.pragma("busy_timeout = 10000");
    migrate(db, path, migrations);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof DatabaseTooNewError) throw error;
    if (error instanceof DatabaseOpenError) throw error;
    throw describeOpenError(path, error);
  }
}

function createFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    let reason = String(error);
    if (code === "EEXIST" || code === "ENOTDIR")
      reason = "a file is in the way of it";
    if (code === "EACCES" || code === "EPERM") reason = "permission was denied";
    throw new DatabaseOpenError(
      `The data folder ${folder} could not be created because ${reason}. ` +
        `Choose another folder with --data-dir.`,
      { cause: error },
    );
  }
}

/** Turns SQLite's terse open errors into messages that explain the fix. */
function describeOpenError(path: string, error: unknown): Error {
  if (!(error instanceof Database.SqliteError)) return error as Error;
  if (error.code === "SQLITE_NOTADB" || error.code === "SQLITE_CORRUPT") {
    return new DatabaseOpenError(
      `The file ${path} is damaged or is not a Locum Lead Inbox database. ` +
        `Move it aside (a new, empty database is then created) or restore it ` +
        `from a backup.`,
      { cause: error },
    );
  }
  if (
    error.code.startsWith("SQLITE_READONLY") ||
    error.code.startsWith("SQLITE_CANTOPEN")
  ) {
    return new DatabaseOpenError(
      `The database ${path} cannot be opened for writing (${error.code}). ` +
        `Check the permissions of the file and its folder.`,
      { cause: error },
    );
  }
  return error;
}

/** Applies every migration newer than `user_version`, all in one transaction. */
export function migrate(
  db: Db,
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const apply = db.transaction(() => {
    const current = db.pragma("user_version", { simple: true }) as number;
    if (current > latest) throw new DatabaseTooNewError(path, current, latest);
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      if (migration.version === 1) seedCatalog(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  });
  apply.immediate();
}

function seedCatalog(db: Db): void {
  const insertEntry = db.prepare(
    `INSERT INTO catalog (kind, name, ljo_id, full_name, category, source)
     VALUES (?, ?, ?, ?, ?, 'ljo')`,
  );
  for (const entry of LJO_LICENSES) {
    insertEntry.run(
      "license",
      entry.name,
      entry.ljoId,
      entry.fullName,
      entry.category,
    );
  }
  for (const entry of LJO_SPECIALTIES) {
    insertEntry.run(
      "specialty",
      entry.name,
      entry.ljoId,
      entry.fullName,
      entry.category,
    );
  }
  const insertSource = db.prepare(
    "INSERT INTO referral_sources (event, name) VALUES (?, ?)",
  );
  for (const [event, name] of Object.entries(DEFAULT_REFERRAL_SOURCES)) {
    insertSource.run(event, name);
  }
}
