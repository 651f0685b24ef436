import { existsSync } from "node:fs";

import { chromium, type Browser } from "playwright-core";

/** Path of Debian's chromium package, unless CHROMIUM_PATH is set. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const MISSING_CHROMIUM = `Chromium not found at ${CHROMIUM_PATH}; install it (apt-get install chromium) or set CHROMIUM_PATH`;

/**
 * A skip reason for node:test when no Chromium is installed, else false. In
 * CI (CI=true) a missing Chromium is an error instead, so the UI tests cannot
 * pass by being skipped.
 */
export const SKIP_WITHOUT_CHROMIUM = existsSync(CHROMIUM_PATH)
  ? false
  : skipOrFail();

function skipOrFail(): string {
  if (process.env.CI === "true") throw new Error(MISSING_CHROMIUM);
  return MISSING_CHROMIUM;
}

/**
 * Launches headless Chromium with its background networking, component
 * updates and sync turned off, to keep the browser's own traffic off the network.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
