import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Whether a tray icon will be visible. Electron creates a Tray on Linux even
 * where no StatusNotifier host shows it, so the app must guess: stock GNOME
 * Shell shows tray icons only with an AppIndicator extension installed.
 * `LEAD_INBOX_TRAY=on|off` overrides the guess.
 */
export function isTrayLikelyVisible(options: {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Folders that hold GNOME Shell extensions, user folder first. */
  gnomeExtensionDirs?: string[];
}): boolean {
  const override = options.env.LEAD_INBOX_TRAY;
  if (override === "on") return true;
  if (override === "off") return false;

  if (options.platform !== "linux") return true;

  const desktops = (options.env.XDG_CURRENT_DESKTOP ?? "")
    .split(":")
    .map((name) => name.toLowerCase());
  if (!desktops.includes("gnome")) return true;

  const dirs =
    options.gnomeExtensionDirs ?? defaultGnomeExtensionDirs(options.env);
  return dirs.some(hasAppIndicatorExtension);
}

// NOTE: an installed extension may still be switched off in GNOME's
// Extensions app; reading that needs gsettings, so this guess can be wrong.
function hasAppIndicatorExtension(dir: string): boolean {
  try {
    return fs
      .readdirSync(dir)
      .some((name) => name.toLowerCase().includes("appindicator"));
  } catch {
    return false;
  }
}

function defaultGnomeExtensionDirs(env: NodeJS.ProcessEnv): string[] {
  const dataHome = env.XDG_DATA_HOME;
  const userData =
    dataHome && path.isAbsolute(dataHome)
      ? dataHome
      : path.join(os.homedir(), ".local", "share");
  return [
    path.join(userData, "gnome-shell", "extensions"),
    "/usr/share/gnome-shell/extensions",
    "/usr/local/share/gnome-shell/extensions",
  ];
}

/** Effect of closing the main window. */
export type CloseAction = "hide" | "minimize" | "close";

/**
 * Returns what closing the window does. It hides into the tray only where
 * the tray can bring the window back. Elsewhere the window minimizes, so it
 * stays reachable from the taskbar and the app keeps receiving.
 */
export function closeActionFor(options: {
  quitting: boolean;
  trayVisible: boolean;
}): CloseAction {
  if (options.quitting) return "close";
  return options.trayVisible ? "hide" : "minimize";
}

/** State of the main window when the app starts. */
export type InitialWindowState = "shown" | "hidden" | "minimized";

/**
 * Returns the window state at start. A start at login stays out of the way:
 * hidden in the tray, or minimized where no tray could bring the window back.
 */
export function initialWindowState(options: {
  startedAtLogin: boolean;
  trayVisible: boolean;
}): InitialWindowState {
  if (!options.startedAtLogin) return "shown";
  return options.trayVisible ? "hidden" : "minimized";
}
