import { app } from "electron";
import { autoUpdater } from "electron-updater";

import type { Logger } from "../log/logger";

const CHECK_INTERVAL_MS = 6 * 60 * 60_000;

/**
 * Checks the GitHub releases for a newer version at start and every six
 * hours; electron-updater downloads it and notifies, and the update installs
 * on quit. Unpackaged runs skip this, and a failed check is only logged.
 */
export function startUpdateChecks(log: Logger): void {
  if (!app.isPackaged) {
    log.info("not packaged, update checks skipped");
    return;
  }

  autoUpdater.logger = {
    info: (message?: unknown) => log.info({ updater: message }),
    warn: (message?: unknown) => log.warn({ updater: message }),
    error: (message?: unknown) => log.error({ updater: message }),
    debug: (message: string) => log.debug({ updater: message }),
  };
  autoUpdater.on("error", (error) => {
    log.warn({ err: error }, "update check failed");
  });

  const check = () => {
    log.info("checking for updates");
    autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => {
      log.warn({ err: error }, "update check failed");
    });
  };
  check();
  setInterval(check, CHECK_INTERVAL_MS).unref();
}
