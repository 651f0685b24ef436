import path from "node:path";

import { app, dialog } from "electron";

import { configureLogging, createLogger } from "../log/logger";
import { APP_ID } from "./app-identity";
import { runDesktopApp } from "./desktop-app";
import { openLogDestination } from "./log-file";

/**
 * Entry point of the desktop app (package.json "main"). Modules create their
 * loggers when called, not when loaded, so configuring the log file here
 * first routes every line to it.
 */
async function main(): Promise<void> {
  // Tests and support use a throwaway data folder; setting it before the
  // single-instance lock gives such a run its own lock.
  const dataDirOverride = process.env.LEAD_INBOX_DATA_DIR;
  if (dataDirOverride) {
    app.setPath("userData", path.resolve(dataDirOverride));
  }

  // Windows shows notifications only for an app with this ID, and it must
  // match the installer's.
  if (process.platform === "win32") app.setAppUserModelId(APP_ID);

  if (!app.requestSingleInstanceLock()) {
    // The running instance gets `second-instance` and shows its window.
    app.quit();
    return;
  }

  const dataDir = app.getPath("userData");
  configureLogging({
    destination: await openLogDestination(dataDir, !app.isPackaged),
  });
  const log = createLogger("desktop");
  log.info(
    { version: app.getVersion(), platform: process.platform, dataDir },
    "starting",
  );

  await runDesktopApp(dataDir);
}

main().catch((error: unknown) => {
  createLogger("desktop").fatal({ err: error }, "desktop app crashed at start");
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox("Locum Lead Inbox could not start", message);
  app.exit(1);
});
