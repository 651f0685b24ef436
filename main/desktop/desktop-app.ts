import path from "node:path";

import { app, clipboard, dialog, type BrowserWindow } from "electron";

import {
  LEAD_RECEIVED_CHANNEL,
  NAVIGATE_CHANNEL,
  type LeadReceived,
  type NavigateRequest,
} from "../../shared/contract";
import type { LeadInboxApp } from "../app/app-types";
import { startLeadInboxApp } from "../app/lead-inbox-app";
import { applyStartAtLoginDefault } from "../autostart/login-item";
import { createLogger, type Logger } from "../log/logger";
import { attachNotifications } from "../notify/attach-notifications";
import { systemClock } from "../notify/notification-types";
import {
  closeActionFor,
  initialWindowState,
  isTrayLikelyVisible,
} from "../tray-state/tray-support";
import { trayViewFor } from "../tray-state/tray-view";
import { RendererPushQueue } from "../window-policy/renderer-push-queue";
import { appIconPath, rendererIndexPath } from "./app-paths";
import { startUpdateChecks } from "./auto-update";
import {
  createInboxWindow,
  hardenDefaultSession,
  loadInboxPage,
  revealWindow,
} from "./inbox-window";
import { registerIpcBridge } from "./ipc-bridge";
import { createNotificationPresenter } from "./notification-presenter";
import {
  createStartAtLogin,
  wasStartedAtLogin,
  type StartAtLogin,
} from "./start-at-login";
import { TrayController } from "./tray-controller";

/** How often the tray re-reads the status, so old auth failures age out. */
const TRAY_REFRESH_MS = 30_000;

/**
 * Runs the desktop app: the core, the inbox window, the tray, notifications,
 * start at login and update checks. Resolves once everything is up; the app
 * then runs until the user quits from the tray.
 */
export async function runDesktopApp(dataDir: string): Promise<void> {
  const log = createLogger("desktop");
  await app.whenReady();
  hardenDefaultSession(log);

  let core: LeadInboxApp;
  try {
    core = await startLeadInboxApp({
      dataDir,
      uiPort: null,
      ...tunnelOverride(process.env),
    });
  } catch (error) {
    reportStartFailure(log, dataDir, error);
    return;
  }
  log.info({ webhookPort: core.webhookPort }, "desktop app started");

  let quitting = false;
  app.on("before-quit", () => {
    quitting = true;
  });
  stopCoreBeforeQuit(core, log);

  const trayVisible = isTrayLikelyVisible({
    platform: process.platform,
    env: process.env,
  });
  let trayCreated = false;

  const window = createInboxWindow({
    log,
    closeAction: () =>
      closeActionFor({ quitting, trayVisible: trayVisible && trayCreated }),
  });
  const pushes = new RendererPushQueue({
    send: (channel, payload) => {
      if (!window.isDestroyed()) window.webContents.send(channel, payload);
    },
    log,
  });
  const navigate = (request: NavigateRequest) => {
    revealWindow(window);
    pushes.push(NAVIGATE_CHANNEL, request);
  };

  let notificationsEnabled = await readNotificationsEnabled(core, log);
  registerIpcBridge({
    api: core.api,
    window,
    rendererIndexPath: rendererIndexPath(),
    pushes,
    log: createLogger("ipc"),
    onResult: (method, value) => {
      if (method === "getSettings" || method === "saveSettings") {
        notificationsEnabled = (value as { notificationsEnabled: boolean })
          .notificationsEnabled;
      }
    },
  });

  core.events.on("lead", (lead) => {
    const pushed: LeadReceived = {
      candidateId: lead.candidateId,
      event: lead.event,
      isNewCandidate: lead.isNewCandidate,
      name: lead.candidateName,
    };
    pushes.push(LEAD_RECEIVED_CHANNEL, pushed);
  });

  attachNotifications(core.events, {
    presenter: createNotificationPresenter(
      createLogger("notify"),
      appIconPath(),
    ),
    targets: {
      openCandidate: (candidateId) =>
        navigate({ view: "candidate", candidateId }),
      openInbox: () => navigate({ view: "inbox" }),
      openSettings: () => navigate({ view: "settings" }),
    },
    clock: systemClock,
    log: createLogger("notify"),
    leadNotificationsEnabled: () => notificationsEnabled,
    initialStatus: core.getStatus(),
  });

  const startAtLogin = setUpStartAtLogin(dataDir, log);
  const tray = createTray(core, window, startAtLogin, log);
  trayCreated = tray !== null;
  if (!trayVisible) {
    log.info("no visible tray expected; closing the window minimizes it");
  }

  showInitialWindow(window, trayVisible && trayCreated);
  loadInboxPage(window, log);

  app.on("second-instance", () => revealWindow(window));
  app.on("activate", () => revealWindow(window));
  // The app lives in the tray, so closing the last window must not quit it.
  app.on("window-all-closed", () => undefined);

  startUpdateChecks(createLogger("update"));
}

/** `LEAD_INBOX_TUNNEL=off` keeps the tunnel off regardless of Settings, for tests. */
function tunnelOverride(env: NodeJS.ProcessEnv) {
  return env.LEAD_INBOX_TUNNEL === "off" ? { tunnel: { enabled: false } } : {};
}

async function readNotificationsEnabled(
  core: LeadInboxApp,
  log: Logger,
): Promise<boolean> {
  const settings = await core.api.getSettings({});
  if (settings.ok) return settings.value.notificationsEnabled;
  log.warn(
    { error: settings.error },
    "could not read the notificationsEnabled setting; lead notifications stay on",
  );
  return true;
}

function showInitialWindow(window: BrowserWindow, trayVisible: boolean): void {
  const state = initialWindowState({
    startedAtLogin: wasStartedAtLogin(),
    trayVisible,
  });
  if (state === "hidden") return;

  window.once("ready-to-show", () => {
    if (state === "minimized") {
      window.showInactive();
      window.minimize();
    } else {
      window.show();
    }
  });
}

function setUpStartAtLogin(dataDir: string, log: Logger): StartAtLogin | null {
  // A development run would register the bare Electron binary, which
  // starts without this app, so the menu item stays disabled there.
  if (!app.isPackaged) return null;
  const startAtLogin = createStartAtLogin();
  if (startAtLogin === null) return null;

  try {
    const applied = applyStartAtLoginDefault({
      markerPath: path.join(dataDir, "start-at-login-default"),
      setEnabled: (enabled) => startAtLogin.setEnabled(enabled),
    });
    if (applied) log.info("start at login turned on at first start");
    startAtLogin.refresh();
  } catch (error) {
    log.warn({ err: error }, "could not set up start at login");
  }
  return startAtLogin;
}

function createTray(
  core: LeadInboxApp,
  window: BrowserWindow,
  startAtLogin: StartAtLogin | null,
  log: Logger,
): TrayController | null {
  const tray = TrayController.create(
    trayViewFor(core.getStatus()),
    {
      openInbox: () => revealWindow(window),
      copyWebhookUrl: () => clipboard.writeText(core.getStatus().webhookUrl),
      setPaused: (paused) => core.setReceiving(!paused),
      canStartAtLogin: startAtLogin !== null,
      isStartAtLogin: () => safely(log, () => startAtLogin?.isEnabled()),
      setStartAtLogin: (enabled) => {
        safely(log, () => startAtLogin?.setEnabled(enabled));
        refresh();
      },
      quit: () => app.quit(),
    },
    log,
  );
  if (tray === null) return null;

  const refresh = () => tray.update(trayViewFor(core.getStatus()));
  core.events.on("status", refresh);
  core.events.on("lead", refresh);
  core.events.on("auth-failure", refresh);
  setInterval(refresh, TRAY_REFRESH_MS).unref();
  return tray;
}

/** Runs a start-at-login call; a failure is logged and reads as false. */
function safely(
  log: Logger,
  action: () => boolean | void | undefined,
): boolean {
  try {
    return action() === true;
  } catch (error) {
    log.warn({ err: error }, "start at login call failed");
    return false;
  }
}

/** Holds the quit until the core has closed the listener and the database. */
function stopCoreBeforeQuit(core: LeadInboxApp, log: Logger): void {
  let stopping = false;
  let stopped = false;
  app.on("will-quit", (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    core
      .stop()
      .catch((error: unknown) => log.error({ err: error }, "stop failed"))
      .finally(() => {
        stopped = true;
        log.info("desktop app quitting");
        app.quit();
      });
  });
}

function reportStartFailure(log: Logger, dataDir: string, error: unknown) {
  log.fatal({ err: error, dataDir }, "could not start the app");
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox(
    "Locum Lead Inbox could not start",
    `${message}\n\nData folder: ${dataDir}\nThe log files are in its "logs" folder.`,
  );
  app.exit(1);
}
