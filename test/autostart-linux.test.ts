import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";

import {
  autostartEntryPath,
  autostartExecutable,
  buildDesktopEntry,
  isDesktopEntryActive,
  quoteExecArgument,
} from "../main/autostart/desktop-entry";
import { LinuxAutostart } from "../main/autostart/linux-autostart";
import {
  applyStartAtLoginDefault,
  loginItemMechanism,
} from "../main/autostart/login-item";

const APP_ID = "com.locumleadinbox.app";

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "autostart-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test("entry path uses XDG_CONFIG_HOME", () => {
  assert.equal(
    autostartEntryPath({ XDG_CONFIG_HOME: "/cfg" }, "/home/ann", APP_ID),
    "/cfg/autostart/com.locumleadinbox.app.desktop",
  );
});

test("entry path falls back to ~/.config", () => {
  for (const env of [{}, { XDG_CONFIG_HOME: "" }, { XDG_CONFIG_HOME: "cfg" }]) {
    assert.equal(
      autostartEntryPath(env, "/home/ann", APP_ID),
      "/home/ann/.config/autostart/com.locumleadinbox.app.desktop",
    );
  }
});

test("executable prefers the AppImage file", () => {
  assert.equal(
    autostartExecutable({ APPIMAGE: "/opt/Locum.AppImage" }, "/tmp/.mount/x"),
    "/opt/Locum.AppImage",
  );
  assert.equal(autostartExecutable({}, "/usr/bin/locum"), "/usr/bin/locum");
  assert.equal(
    autostartExecutable({ APPIMAGE: "relative" }, "/usr/bin/locum"),
    "/usr/bin/locum",
  );
});

test("exec argument quoting table", () => {
  const cases: [string, string][] = [
    ["/usr/bin/locum", "/usr/bin/locum"],
    ["--hidden", "--hidden"],
    ["/home/ann/My Apps/Locum.AppImage", '"/home/ann/My Apps/Locum.AppImage"'],
    ['/a"b', '"/a\\\\"b"'],
    ["/a$b", '"/a\\\\$b"'],
    ["/a\\b", '"/a\\\\\\\\b"'],
    ["/100%/x", "/100%%/x"],
    ["", '""'],
  ];
  for (const [argument, expected] of cases) {
    assert.equal(quoteExecArgument(argument), expected, argument);
  }
});

test("exec argument with a line break is rejected", () => {
  assert.throws(() => quoteExecArgument("/a\nb"), /line break/);
});

test("desktop entry content", () => {
  const text = buildDesktopEntry({
    name: "Locum Lead Inbox",
    comment: "Receives LocumJobsOnline leads",
    executable: "/home/ann/Apps/Locum Lead Inbox.AppImage",
    args: ["--hidden"],
  });

  const lines = text.split("\n");
  assert.equal(lines[0], "[Desktop Entry]");
  assert.ok(lines.includes("Type=Application"));
  assert.ok(lines.includes("Name=Locum Lead Inbox"));
  assert.ok(
    lines.includes('Exec="/home/ann/Apps/Locum Lead Inbox.AppImage" --hidden'),
  );
  assert.ok(lines.includes("X-GNOME-Autostart-enabled=true"));
  assert.ok(text.endsWith("\n"));
});

test("entry activity follows Hidden and GNOME keys", () => {
  assert.equal(isDesktopEntryActive("[Desktop Entry]\nExec=x\n"), true);
  assert.equal(isDesktopEntryActive("[Desktop Entry]\nHidden=true\n"), false);
  assert.equal(
    isDesktopEntryActive("[Desktop Entry]\nX-GNOME-Autostart-enabled=false\n"),
    false,
  );
});

test("linux autostart enable, refresh and disable", (t) => {
  const dir = tempDir(t);
  const entryPath = autostartEntryPath(
    { XDG_CONFIG_HOME: dir },
    "/unused",
    APP_ID,
  );
  const entry = {
    name: "Locum Lead Inbox",
    comment: "Receives leads",
    executable: "/opt/one.AppImage",
    args: ["--hidden"],
  };
  const autostart = new LinuxAutostart(entryPath, entry);

  assert.equal(autostart.isEnabled(), false);
  assert.equal(autostart.refresh(), false);

  autostart.setEnabled(true);
  assert.equal(autostart.isEnabled(), true);
  assert.equal(fs.readFileSync(entryPath, "utf8"), buildDesktopEntry(entry));
  assert.deepEqual(fs.readdirSync(path.dirname(entryPath)), [
    "com.locumleadinbox.app.desktop",
  ]);
  assert.equal(autostart.refresh(), false);

  const moved = new LinuxAutostart(entryPath, {
    ...entry,
    executable: "/opt/two.AppImage",
  });
  assert.equal(moved.refresh(), true);
  assert.match(fs.readFileSync(entryPath, "utf8"), /two\.AppImage/);

  moved.setEnabled(false);
  assert.equal(fs.existsSync(entryPath), false);
  assert.equal(moved.isEnabled(), false);
  moved.setEnabled(false);
});

test("entry switched off in the desktop settings reads as disabled", (t) => {
  const dir = tempDir(t);
  const entryPath = path.join(dir, "autostart", "x.desktop");
  fs.mkdirSync(path.dirname(entryPath));
  fs.writeFileSync(entryPath, "[Desktop Entry]\nHidden=true\n");

  const autostart = new LinuxAutostart(entryPath, {
    name: "n",
    comment: "c",
    executable: "/x",
    args: [],
  });

  assert.equal(autostart.isEnabled(), false);
  assert.equal(autostart.refresh(), false);
});

test("login item mechanism per platform", () => {
  assert.equal(loginItemMechanism("darwin"), "electron-login-item");
  assert.equal(loginItemMechanism("win32"), "electron-login-item");
  assert.equal(loginItemMechanism("linux"), "xdg-autostart");
  assert.equal(loginItemMechanism("aix"), null);
});

test("start at login default applies once", (t) => {
  const dir = tempDir(t);
  const markerPath = path.join(dir, "start-at-login-default");
  const calls: boolean[] = [];

  const first = applyStartAtLoginDefault({
    markerPath,
    setEnabled: (enabled) => calls.push(enabled),
  });
  const second = applyStartAtLoginDefault({
    markerPath,
    setEnabled: (enabled) => calls.push(enabled),
  });

  assert.equal(first, true);
  assert.equal(second, false);
  assert.deepEqual(calls, [true]);
});
