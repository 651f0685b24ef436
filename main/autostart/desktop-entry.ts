import path from "node:path";

/**
 * Builds XDG autostart entries. The quoting follows the Desktop Entry
 * Specification 1.5, "The Exec key": an argument with a reserved character is
 * double-quoted, and inside the quotes `"`, `` ` ``, `$` and `\` get a
 * backslash. The string-value escape then doubles every backslash, and a
 * literal `%` is written `%%` because `%` starts a field code.
 */

const RESERVED_CHARACTERS = /[\s"'\\><~|&;$*?#()`]/;

/** Quotes one argument of an Exec line, escaping for the .desktop format. */
export function quoteExecArgument(argument: string): string {
  if (/[\n\r]/.test(argument)) {
    throw new Error(
      `Cannot write an autostart entry for a path with a line break: ${JSON.stringify(argument)}. Move the app to a folder without one.`,
    );
  }

  let quoted = argument;
  if (argument === "" || RESERVED_CHARACTERS.test(argument)) {
    quoted = `"${argument.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  }
  return quoted.replace(/\\/g, "\\\\").replace(/%/g, "%%");
}

export interface AutostartEntry {
  name: string;
  comment: string;
  executable: string;
  args: string[];
}

/** Returns the text of an autostart .desktop file. */
export function buildDesktopEntry(entry: AutostartEntry): string {
  const exec = [entry.executable, ...entry.args]
    .map(quoteExecArgument)
    .join(" ");
  return [
    "[Desktop Entry]",
    "Type=Application",
    "Version=1.5",
    `Name=${escapeStringValue(entry.name)}`,
    `Comment=${escapeStringValue(entry.comment)}`,
    `Exec=${exec}`,
    "Terminal=false",
    "X-GNOME-Autostart-enabled=true",
    "",
  ].join("\n");
}

function escapeStringValue(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/\n/g, "\\n")
    .replace(/\r/g, "\\r")
    .replace(/\t/g, "\\t");
}

/**
 * Returns the autostart file's path: `$XDG_CONFIG_HOME/autostart`, or
 * `~/.config/autostart` when the variable is unset or relative (the XDG Base
 * Directory Specification requires relative values to be ignored).
 */
export function autostartEntryPath(
  env: NodeJS.ProcessEnv,
  homeDir: string,
  appId: string,
): string {
  const configured = env.XDG_CONFIG_HOME;
  const configHome =
    configured && path.isAbsolute(configured)
      ? configured
      : path.join(homeDir, ".config");
  return path.join(configHome, "autostart", `${appId}.desktop`);
}

/**
 * Returns the program an autostart entry should run. Inside an AppImage,
 * `process.execPath` points into a mount that disappears on exit, so the
 * AppImage file itself (`$APPIMAGE`, set by the AppImage runtime) is used.
 */
export function autostartExecutable(
  env: NodeJS.ProcessEnv,
  execPath: string,
): string {
  const appImage = env.APPIMAGE;
  return appImage && path.isAbsolute(appImage) ? appImage : execPath;
}

/**
 * Returns true when the entry text starts the app: GNOME and the XDG
 * autostart rules skip entries with `Hidden=true`, and GNOME also skips
 * `X-GNOME-Autostart-enabled=false`.
 */
export function isDesktopEntryActive(text: string): boolean {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  return (
    !lines.includes("Hidden=true") &&
    !lines.includes("X-GNOME-Autostart-enabled=false")
  );
}
