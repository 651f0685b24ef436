import { homedir } from "node:os";
import { join } from "node:path";

/** Folder name under the platform's app-data folder; Electron's userData uses the same. */
export const APP_FOLDER_NAME = "Locum Lead Inbox";

/**
 * Returns the platform's app-data folder for this app, the same folder the
 * desktop app uses, so that `npm run serve` and the tray app share one
 * database by default.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === "win32") {
    return join(
      env.APPDATA ?? join(homedir(), "AppData", "Roaming"),
      APP_FOLDER_NAME,
    );
  }
  if (platform === "darwin") {
    return join(homedir(), "Library", "Application Support", APP_FOLDER_NAME);
  }
  return join(
    env.XDG_CONFIG_HOME || join(homedir(), ".config"),
    APP_FOLDER_NAME,
  );
}

/** Returns the path of the SQLite file inside a data folder. */
export function databasePath(dataDir: string): string {
  return join(dataDir, "lead-inbox.db");
}
