import { existsSync } from "node:fs";

import { chromium, type Browser } from "playwright-core";

/** Debian's chromium package; CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A skip reason for node:test when no Chromium is installed, else false. */
export const SKIP_WITHOUT_CHROMIUM = existsSync(CHROMIUM_PATH)
  ? false
  : `Chromium not found at ${CHROMIUM_PATH}; install it (apt-get install chromium) or set CHROMIUM_PATH`;

/**
 * Launches headless Chromium with background traffic off, so the browser
 * talks to nothing but the loopback servers under test.
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
