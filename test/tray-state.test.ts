import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";

import type { AppStatus } from "../shared/contract";
import {
  closeActionFor,
  initialWindowState,
  isTrayLikelyVisible,
} from "../main/tray-state/tray-support";
import { trayViewFor } from "../main/tray-state/tray-view";

function status(overrides: Partial<AppStatus> = {}): AppStatus {
  return {
    receiving: true,
    webhookUrl: "https://abc.loca.lt/webhook",
    localWebhookUrl: "http://127.0.0.1:4000/webhook",
    tunnel: { state: "up", url: null, lastProbeAt: null, lastError: null },
    candidateCount: 3,
    quarantinedCount: 0,
    recentAuthFailures: 0,
    ...overrides,
  };
}

function tunnel(state: AppStatus["tunnel"]["state"]): AppStatus["tunnel"] {
  return { state, url: null, lastProbeAt: null, lastError: null };
}

test("tray view when receiving", () => {
  const view = trayViewFor(status());

  assert.equal(view.icon, "normal");
  assert.equal(view.tooltip, "Locum Lead Inbox: Receiving leads");
  assert.equal(view.paused, false);
  assert.equal(view.canCopyWebhookUrl, true);
});

test("tray view when paused", () => {
  const view = trayViewFor(status({ receiving: false }));

  assert.equal(view.icon, "paused");
  assert.match(view.tooltip, /Paused/);
  assert.equal(view.paused, true);
});

test("tray view when the tunnel is down", () => {
  const view = trayViewFor(status({ tunnel: tunnel("down") }));

  assert.equal(view.icon, "warning");
  assert.match(view.tooltip, /Public URL down/);
});

test("tray view while connecting", () => {
  const view = trayViewFor(status({ tunnel: tunnel("connecting") }));

  assert.equal(view.icon, "normal");
  assert.match(view.tooltip, /Connecting/);
});

test("problems win over paused", () => {
  const view = trayViewFor(
    status({ receiving: false, tunnel: tunnel("down") }),
  );

  assert.equal(view.icon, "warning");
  assert.equal(view.paused, true);
});

test("auth failures warn from the threshold", () => {
  assert.equal(trayViewFor(status({ recentAuthFailures: 4 })).icon, "normal");

  const view = trayViewFor(status({ recentAuthFailures: 5 }));
  assert.equal(view.icon, "warning");
  assert.match(view.tooltip, /5 webhook requests failed authentication/);
});

test("quarantined deliveries warn", () => {
  const view = trayViewFor(status({ quarantinedCount: 2 }));

  assert.equal(view.icon, "warning");
  assert.match(view.tooltip, /2 deliveries need review/);
});

test("tooltip fits the Windows limit", () => {
  const view = trayViewFor(
    status({
      tunnel: tunnel("down"),
      recentAuthFailures: 10 ** 20,
      quarantinedCount: 10 ** 20,
    }),
  );

  assert.ok(view.tooltip.length <= 127, view.tooltip);
  assert.ok(view.tooltip.endsWith("…"));
});

test("copy is disabled without a webhook URL", () => {
  assert.equal(
    trayViewFor(status({ webhookUrl: "" })).canCopyWebhookUrl,
    false,
  );
});

test("tray visibility outside GNOME", () => {
  assert.equal(isTrayLikelyVisible({ platform: "win32", env: {} }), true);
  assert.equal(isTrayLikelyVisible({ platform: "darwin", env: {} }), true);
  assert.equal(
    isTrayLikelyVisible({
      platform: "linux",
      env: { XDG_CURRENT_DESKTOP: "KDE" },
      gnomeExtensionDirs: [],
    }),
    true,
  );
});

test("tray visibility on GNOME follows the extension", (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tray-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = { XDG_CURRENT_DESKTOP: "ubuntu:GNOME" };

  assert.equal(
    isTrayLikelyVisible({
      platform: "linux",
      env,
      gnomeExtensionDirs: [dir, path.join(dir, "missing")],
    }),
    false,
  );

  fs.mkdirSync(path.join(dir, "appindicatorsupport@rgcjonas.gmail.com"));
  assert.equal(
    isTrayLikelyVisible({ platform: "linux", env, gnomeExtensionDirs: [dir] }),
    true,
  );
});

test("tray visibility override", () => {
  const gnome = { XDG_CURRENT_DESKTOP: "GNOME" };
  assert.equal(
    isTrayLikelyVisible({
      platform: "linux",
      env: { ...gnome, LEAD_INBOX_TRAY: "on" },
      gnomeExtensionDirs: [],
    }),
    true,
  );
  assert.equal(
    isTrayLikelyVisible({ platform: "win32", env: { LEAD_INBOX_TRAY: "off" } }),
    false,
  );
});

test("close action table", () => {
  assert.equal(closeActionFor({ quitting: true, trayVisible: true }), "close");
  assert.equal(closeActionFor({ quitting: false, trayVisible: true }), "hide");
  assert.equal(
    closeActionFor({ quitting: false, trayVisible: false }),
    "minimize",
  );
});

test("initial window state table", () => {
  assert.equal(
    initialWindowState({ startedAtLogin: false, trayVisible: false }),
    "shown",
  );
  assert.equal(
    initialWindowState({ startedAtLogin: true, trayVisible: true }),
    "hidden",
  );
  assert.equal(
    initialWindowState({ startedAtLogin: true, trayVisible: false }),
    "minimized",
  );
});
