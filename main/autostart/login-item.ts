import fs from "node:fs";

/** Command-line flag of a start at login: the app starts in the tray. */
export const HIDDEN_START_ARGUMENT = "--hidden";

/**
 * Mechanism that starts programs at login: Electron's login items exist on
 * macOS and Windows only, and Linux desktops read XDG autostart files.
 */
export type LoginItemMechanism = "electron-login-item" | "xdg-autostart";

export function loginItemMechanism(
  platform: NodeJS.Platform,
): LoginItemMechanism | null {
  if (platform === "darwin" || platform === "win32") {
    return "electron-login-item";
  }
  if (platform === "linux" || platform === "freebsd") return "xdg-autostart";
  return null;
}

/**
 * Turns start at login on once, on the first start of an installed copy,
 * because recruiters install the app and expect it to keep receiving. A
 * marker file records that the default was applied, so a later "off" choice
 * in the tray menu sticks. Returns true when it turned the setting on.
 */
export function applyStartAtLoginDefault(options: {
  markerPath: string;
  setEnabled: (enabled: boolean) => void;
}): boolean {
  if (fs.existsSync(options.markerPath)) return false;
  options.setEnabled(true);
  fs.writeFileSync(
    options.markerPath,
    `Start at login was turned on at first start, ${new Date().toISOString()}.\n`,
  );
  return true;
}
