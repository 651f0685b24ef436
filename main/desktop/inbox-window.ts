import { pathToFileURL } from "node:url";

import { BrowserWindow, session } from "electron";

import type { Logger } from "../log/logger";
import type { CloseAction } from "../tray-state/tray-support";
import { RENDERER_CSP_HEADER } from "../window-policy/content-security-policy";
import { isRendererPageUrl } from "../window-policy/renderer-trust";
import { appIconPath, preloadPath, rendererIndexPath } from "./app-paths";

/**
 * Applies the CSP header to pages loaded from file:// and denies every
 * permission request (camera, notifications, clipboard reads, ...), which the
 * inbox never needs. Call once, before the first window loads.
 */
export function hardenDefaultSession(log: Logger): void {
  const ses = session.defaultSession;

  // Recent Electron versions run webRequest hooks for file:// documents
  // too. The smoke test checks that the policy applies (eval is blocked).
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (
      !details.url.startsWith("file:") ||
      details.resourceType !== "mainFrame"
    ) {
      callback({});
      return;
    }
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        "Content-Security-Policy": [RENDERER_CSP_HEADER],
      },
    });
  });

  ses.setPermissionRequestHandler((_webContents, permission, callback) => {
    log.warn({ permission }, "denied a permission request from the window");
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
}

/**
 * Creates the inbox window with Node kept out of the page: context isolation,
 * the renderer sandbox, no Node integration, web security on, no webviews,
 * and no navigation or new windows. The page loads dist/renderer/index.html.
 */
export function createInboxWindow(options: {
  log: Logger;
  closeAction: () => CloseAction;
}): BrowserWindow {
  const { log } = options;
  const indexPath = rendererIndexPath();

  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: "Locum Lead Inbox",
    icon: appIconPath(),
    webPreferences: {
      preload: preloadPath(),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  });

  denyNavigation(window, indexPath, log);
  window.on("close", (event) => {
    const action = options.closeAction();
    if (action === "close") return;
    event.preventDefault();
    if (action === "hide") {
      window.hide();
    } else {
      window.minimize();
    }
  });

  return window;
}

/** Loads the inbox page; failures are logged, the window stays usable. */
export function loadInboxPage(window: BrowserWindow, log: Logger): void {
  const url = pathToFileURL(rendererIndexPath()).href;
  window.loadURL(url).catch((error: unknown) => {
    log.error(
      { err: error, url },
      "could not load the inbox page; run npm run build",
    );
  });
}

/** Shows, restores and focuses the window. */
export function revealWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}

function denyNavigation(
  window: BrowserWindow,
  indexPath: string,
  log: Logger,
): void {
  const contents = window.webContents;

  // Hash changes are same-document navigations and do not reach this event.
  contents.on("will-navigate", (event) => {
    if (isRendererPageUrl(event.url, indexPath)) return;
    event.preventDefault();
    log.warn({ url: redactUrl(event.url) }, "denied navigation");
  });
  contents.on("will-redirect", (event) => {
    event.preventDefault();
    log.warn({ url: redactUrl(event.url) }, "denied redirect");
  });
  contents.on("will-attach-webview", (event) => {
    event.preventDefault();
    log.warn("denied a webview");
  });

  // The inbox has no links that open windows; anything that tries is
  // injected content.
  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ url: redactUrl(url) }, "denied window.open");
    return { action: "deny" };
  });
}

/** Keeps the scheme and host only: a URL may carry a token in its query. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "file:"
      ? "file://"
      : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return "(invalid URL)";
  }
}
