import fs from "node:fs";
import path from "node:path";

import { buildDesktopEntry, isDesktopEntryActive } from "./desktop-entry";
import type { AutostartEntry } from "./desktop-entry";

/** Start at login on Linux through an XDG autostart .desktop file. */
export class LinuxAutostart {
  constructor(
    private readonly entryPath: string,
    private readonly entry: AutostartEntry,
  ) {}

  isEnabled(): boolean {
    let text: string;
    try {
      text = fs.readFileSync(this.entryPath, "utf8");
    } catch (error) {
      if (isMissingFile(error)) return false;
      throw error;
    }
    return isDesktopEntryActive(text);
  }

  setEnabled(enabled: boolean): void {
    if (enabled) {
      this.write();
    } else {
      fs.rmSync(this.entryPath, { force: true });
    }
  }

  /**
   * Rewrites an enabled entry whose content is stale, for example after the
   * AppImage was moved or renamed. Returns true when it wrote the file.
   */
  refresh(): boolean {
    if (!this.isEnabled()) return false;
    const expected = buildDesktopEntry(this.entry);
    if (fs.readFileSync(this.entryPath, "utf8") === expected) return false;
    this.write();
    return true;
  }

  private write(): void {
    fs.mkdirSync(path.dirname(this.entryPath), { recursive: true });

    // Write then rename, so a session manager never reads half a file.
    const temporary = `${this.entryPath}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, buildDesktopEntry(this.entry), {
      mode: 0o644,
    });
    fs.renameSync(temporary, this.entryPath);
  }
}

function isMissingFile(error: unknown): boolean {
  return (
    error instanceof Error && (error as NodeJS.ErrnoException).code === "ENOENT"
  );
}
