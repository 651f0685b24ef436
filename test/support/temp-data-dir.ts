import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { LeadEventType } from "../../shared/lead-events";

/** Creates a fresh data folder and returns it with a cleanup function. */
export function makeTempDataDir(prefix = "lead-inbox-test-"): {
  dir: string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** LJO's sample payload for an event, parsed fresh on every call so tests may change it. */
export function loadSample(event: LeadEventType): Record<string, unknown> {
  const path = join(__dirname, "..", "fixtures", "ljo", `${event}.json`);
  return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}
