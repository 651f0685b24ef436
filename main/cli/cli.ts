import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import pino from "pino";

import { formatCount } from "../../shared/format-count";
import { isLeadEventType, LEAD_EVENT_TYPES } from "../../shared/lead-events";
import { defaultDataDir, databasePath } from "../app/data-dir";
import { resolveEffectiveAuth } from "../app/effective-auth";
import { exportCandidatesToFile } from "../export/csv-export";
import { reprocessQuarantined } from "../ingest/reprocess";
import { configureLogging } from "../log/logger";
import { openDatabase } from "../store/database";
import { SettingsStore } from "../store/settings-store";
import { generateSubdomain } from "../tunnel/subdomain";
import { DEFAULT_WEBHOOK_PORT } from "./serve-defaults";
import { sendTestEvent, type TestCredentials } from "./send-test";
import { parseOptions, UsageError } from "./usage-error";

const USAGE = `Usage: npm run cli -- COMMAND [options]

Commands:
  credentials --data-dir DIR
      Print the webhook path and the credentials to paste into LocumJobsOnline.
  export --data-dir DIR --out FILE [--preset generic|bullhorn] [--new-only]
         [--mark-exported] [--bom]
      Write candidates to a CSV file for your ATS.
  send-test --url URL --event NAME [--token T | --user U --password P]
      Post LocumJobsOnline's sample payload for an event, like its
      "Send Test Event" button, and print the answer.
      Events: ${LEAD_EVENT_TYPES.join(", ")}
  reprocess --data-dir DIR
      Run quarantined deliveries through the parser again.

--data-dir defaults to the platform's app-data folder.
`;

const print = (text: string) => process.stdout.write(`${text}\n`);

function openStore(dataDir: string | undefined) {
  return openDatabase(databasePath(resolve(dataDir ?? defaultDataDir())));
}

/** Opens the database of a data folder that must already have one. */
function openExistingStore(dataDir: string | undefined) {
  const folder = resolve(dataDir ?? defaultDataDir());
  if (!existsSync(databasePath(folder))) {
    throw new Error(
      `No Locum Lead Inbox database in ${folder}. Check --data-dir, or start ` +
        `the app once (npm run serve) to create one.`,
    );
  }
  return openDatabase(databasePath(folder));
}

function credentials(args: string[]): number {
  const values = parseOptions(args, { "data-dir": { type: "string" } });
  const folder = resolve(values["data-dir"] ?? defaultDataDir());
  const isNew = !existsSync(databasePath(folder));
  const db = openStore(folder);
  try {
    const settings = new SettingsStore(db);
    const stored = settings.ensureGenerated(generateSubdomain);
    if (isNew) {
      print(
        `Created a new database in ${folder}; serve it with --data-dir "${folder}".`,
      );
    }
    const { auth, source } = resolveEffectiveAuth(stored, process.env);
    print(`Webhook path: /webhook`);
    print(
      `Local URL:    http://127.0.0.1:${DEFAULT_WEBHOOK_PORT}/webhook ` +
        `(when serving on the default port)`,
    );
    if (stored.lastPublicUrl)
      print(`Public URL:   ${stored.lastPublicUrl}/webhook`);
    print(
      `Auth type:    ${auth.type}${source === "environment" ? " (from environment)" : ""}`,
    );
    if (auth.type === "bearer") print(`Bearer token: ${auth.token}`);
    if (auth.type === "basic") {
      print(`Username:     ${auth.user}`);
      print(`Password:     ${auth.password}`);
    }
    if (auth.type === "none") {
      print("No credentials: anyone who knows the URL can post leads.");
    }
    if (source === "settings") {
      print(
        "A server started with LEAD_INBOX_AUTH, LEAD_INBOX_TOKEN, LEAD_INBOX_USER or " +
          "LEAD_INBOX_PASSWORD set uses those values instead.",
      );
    }
    return 0;
  } finally {
    db.close();
  }
}

function exportCommand(args: string[]): number {
  const values = parseOptions(args, {
    "data-dir": { type: "string" },
    out: { type: "string" },
    preset: { type: "string" },
    "new-only": { type: "boolean" },
    "mark-exported": { type: "boolean" },
    bom: { type: "boolean" },
  });
  if (!values.out) throw new UsageError("export needs --out FILE.");
  const preset = values.preset ?? "generic";
  if (preset !== "generic" && preset !== "bullhorn") {
    throw new UsageError(
      `--preset must be generic or bullhorn, got "${preset}".`,
    );
  }
  const out = resolve(values.out);
  if (existsSync(out) && statSync(out).isDirectory()) {
    throw new UsageError(
      `--out ${out} is a folder; give a file name such as ${out}/leads.csv.`,
    );
  }
  const db = openExistingStore(values["data-dir"]);
  try {
    const result = exportCandidatesToFile(db, out, {
      preset,
      newOnly: values["new-only"] ?? false,
      markExported: values["mark-exported"] ?? false,
      bom: values.bom ?? false,
    });
    const exported = formatCount(result.rowCount, "candidate", "candidates");
    print(`Exported ${exported} to ${result.paths.join(", ")}`);
    if (result.rowsWithUnmappedValues > 0) {
      const unmapped = formatCount(
        result.rowsWithUnmappedValues,
        "candidate has",
        "candidates have",
      );
      print(
        `${unmapped} a license or specialty without an ATS value, so those ` +
          `cells are empty. Map them in the inbox under Mappings.`,
      );
    }
    for (const warning of result.warnings) print(`Warning: ${warning}`);
    return 0;
  } finally {
    db.close();
  }
}

/** Reads and checks the options of send-test. */
function parseSendTestOptions(args: string[]) {
  const values = parseOptions(args, {
    url: { type: "string" },
    event: { type: "string" },
    token: { type: "string" },
    user: { type: "string" },
    password: { type: "string" },
  });
  if (!values.url) throw new UsageError("send-test needs --url URL.");
  if (!values.event) throw new UsageError("send-test needs --event NAME.");
  if (!isLeadEventType(values.event)) {
    throw new UsageError(
      `Unknown event "${values.event}". Use one of: ${LEAD_EVENT_TYPES.join(", ")}.`,
    );
  }

  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    throw new UsageError(`--url "${values.url}" is not a valid URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(
      `--url must start with http:// or https://, got "${values.url}".`,
    );
  }

  const { token, user, password } = values;
  if (token !== undefined && (user !== undefined || password !== undefined)) {
    throw new UsageError(
      "Use either --token or --user with --password, not both.",
    );
  }
  if ((user === undefined) !== (password === undefined)) {
    throw new UsageError("--user and --password go together.");
  }
  let credentials: TestCredentials = { type: "none" };
  if (token !== undefined) credentials = { type: "bearer", token };
  if (user !== undefined && password !== undefined) {
    credentials = { type: "basic", user, password };
  }
  return { url, event: values.event, credentials };
}

async function sendTest(args: string[]): Promise<number> {
  const { url, event, credentials } = parseSendTestOptions(args);
  let result;
  try {
    result = await sendTestEvent({ url: url.href, event, credentials });
  } catch (error) {
    throw new Error(
      `Could not reach ${url.href}: ${describeFetchError(error)}`,
      { cause: error },
    );
  }

  print(`HTTP ${result.statusCode}`);
  print(result.body);
  return result.statusCode >= 200 && result.statusCode < 300 ? 0 : 1;
}

function reprocess(args: string[]): number {
  const values = parseOptions(args, { "data-dir": { type: "string" } });
  const db = openExistingStore(values["data-dir"]);
  try {
    const settings = new SettingsStore(db);
    const outcome = reprocessQuarantined(db, {
      defaultRegion: settings.get().defaultPhoneRegion,
    });
    print(
      `Reprocessed quarantined deliveries: ${outcome.processed} now stored as leads, ` +
        `${outcome.stillQuarantined} still quarantined.`,
    );
    return 0;
  } finally {
    db.close();
  }
}

/** Names the network cause of a failed fetch, which Node hides behind "fetch failed". */
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })
    .cause;
  if (cause?.code === "ECONNREFUSED") {
    return "connection refused. Is the listener running?";
  }
  if (error instanceof Error && error.name === "TimeoutError") {
    return "no response within 30 seconds.";
  }
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

async function main(argv: string[]): Promise<number> {
  // Logs go to stderr so that stdout carries only the command's output.
  configureLogging({ destination: pino.destination(2) });
  const [command, ...args] = argv;
  switch (command) {
    case "credentials":
      return credentials(args);
    case "export":
      return exportCommand(args);
    case "send-test":
      return sendTest(args);
    case "reprocess":
      return reprocess(args);
    case "help":
    case "--help":
      process.stdout.write(USAGE);
      return 0;
    case undefined:
      throw new UsageError("Missing command.");
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(
      `Failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
