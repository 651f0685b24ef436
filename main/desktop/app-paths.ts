import path from "node:path";

import { app } from "electron";

import type { TrayIconVariant } from "../tray-state/tray-view";

/** Files shipped with the app, relative to the app folder or app.asar. */
export function appFile(...parts: string[]): string {
  return path.join(app.getAppPath(), ...parts);
}

export const rendererIndexPath = () =>
  appFile("dist", "renderer", "index.html");
export const preloadPath = () => appFile("dist", "preload", "index.js");
export const appIconPath = () => appFile("assets", "icon-256.png");

/**
 * Tray icon of a state; Electron picks the `@2x` file beside it on HiDPI
 * screens.
 */
export const trayIconPath = (variant: TrayIconVariant) =>
  appFile("assets", "tray", `tray-${variant}.png`);
