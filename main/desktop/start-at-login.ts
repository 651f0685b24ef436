import os from "node:os";

import { app } from "electron";

import {
  autostartEntryPath,
  autostartExecutable,
} from "../autostart/desktop-entry";
import { LinuxAutostart } from "../autostart/linux-autostart";
import {
  HIDDEN_START_ARGUMENT,
  loginItemMechanism,
} from "../autostart/login-item";
import { APP_ID, PRODUCT_NAME } from "./app-identity";

export interface StartAtLogin {
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
  /** Brings a stale entry up to date, for example after the app moved. */
  refresh(): void;
}

/** Returns the start-at-login switch of this platform, or null if it has none. */
export function createStartAtLogin(): StartAtLogin | null {
  const mechanism = loginItemMechanism(process.platform);
  if (mechanism === "electron-login-item") return electronLoginItem();
  if (mechanism === "xdg-autostart") return xdgAutostart();
  return null;
}

/** True when the login item or autostart entry launched this process. */
export function wasStartedAtLogin(): boolean {
  if (process.argv.includes(HIDDEN_START_ARGUMENT)) return true;
  return (
    process.platform === "darwin" && app.getLoginItemSettings().wasOpenedAtLogin
  );
}

function electronLoginItem(): StartAtLogin {
  // Windows matches login items by path and arguments, so reads pass the
  // same arguments as writes. macOS ignores `args`.
  const args = [HIDDEN_START_ARGUMENT];
  return {
    isEnabled: () => app.getLoginItemSettings({ args }).openAtLogin,
    setEnabled: (enabled) =>
      app.setLoginItemSettings({ openAtLogin: enabled, args }),
    refresh: () => undefined,
  };
}

function xdgAutostart(): StartAtLogin {
  const autostart = new LinuxAutostart(
    autostartEntryPath(process.env, os.homedir(), APP_ID),
    {
      name: PRODUCT_NAME,
      comment: "Receives LocumJobsOnline leads in the background",
      executable: autostartExecutable(process.env, process.execPath),
      args: [HIDDEN_START_ARGUMENT],
    },
  );
  return {
    isEnabled: () => autostart.isEnabled(),
    setEnabled: (enabled) => autostart.setEnabled(enabled),
    refresh: () => {
      autostart.refresh();
    },
  };
}
