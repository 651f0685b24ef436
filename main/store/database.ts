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

/**
 * Opens (and creates) the SQLite database, applies pending migrations and
 * seeds LJO's catalog. WAL with synchronous=FULL makes every commit durable
 * before the webhook is acknowledged, and lets the export command read while
 * the listener writes.
 */
export function openDatabase(
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    // A second process (the export command) may hold the write lock briefly.
    db.pragma("busy_timeout = 10000");
    migrate(db, path, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
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
