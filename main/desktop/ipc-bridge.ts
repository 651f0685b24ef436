import {
  ipcMain,
  type BrowserWindow,
  type IpcMainEvent,
  type IpcMainInvokeEvent,
} from "electron";

import {
  API_METHODS,
  RENDERER_READY_CHANNEL,
  ipcChannel,
  type ApiMethodName,
  type ApiResult,
} from "../../shared/contract";
import type { ApiHandlers } from "../app/app-types";
import type { Logger } from "../log/logger";
import type { RendererPushQueue } from "../window-policy/renderer-push-queue";
import { isRendererPageUrl } from "../window-policy/renderer-trust";

export interface IpcBridgeOptions {
  api: ApiHandlers;
  window: BrowserWindow;
  rendererIndexPath: string;
  pushes: RendererPushQueue;
  log: Logger;
  /** Called with every successful result, for example to follow settings. */
  onResult?: (method: ApiMethodName, value: unknown) => void;
}

/**
 * Registers one handler per contract method and returns the function that
 * removes them. A call must come from the main frame of the inbox window
 * showing the bundled page. The handlers validate the payload with the
 * method's zod schema.
 */
export function registerIpcBridge(options: IpcBridgeOptions): () => void {
  const { log } = options;
  const methods = Object.keys(API_METHODS) as ApiMethodName[];

  for (const method of methods) {
    ipcMain.handle(ipcChannel(method), async (event, payload: unknown) => {
      if (!isTrustedSender(event, options)) {
        log.warn(
          { method, senderUrl: senderOrigin(event) },
          "rejected IPC call from an unknown sender",
        );
        return rejectedSender();
      }
      return callHandler(options, method, payload);
    });
  }

  const onReady = (event: IpcMainEvent) => {
    if (!isTrustedSender(event, options)) {
      log.warn(
        { senderUrl: senderOrigin(event) },
        "ignored a ready signal from an unknown sender",
      );
      return;
    }
    options.pushes.markReady();
  };
  ipcMain.on(RENDERER_READY_CHANNEL, onReady);

  // A reload or crash loses the page's listeners until the preload runs again.
  const contents = options.window.webContents;
  contents.on("did-start-navigation", (details) => {
    if (details.isMainFrame && !details.isSameDocument) {
      options.pushes.markNotReady();
    }
  });
  contents.on("render-process-gone", (_event, details) => {
    options.pushes.markNotReady();
    log.error({ reason: details.reason }, "inbox page crashed, reloading");
    contents.reload();
  });

  return () => {
    for (const method of methods) ipcMain.removeHandler(ipcChannel(method));
    ipcMain.off(RENDERER_READY_CHANNEL, onReady);
  };
}

async function callHandler(
  options: IpcBridgeOptions,
  method: ApiMethodName,
  payload: unknown,
): Promise<ApiResult<unknown>> {
  try {
    const result = await options.api[method](payload);
    if (result.ok) options.onResult?.(method, result.value);
    return result;
  } catch (error) {
    options.log.error({ err: error, method }, "IPC handler failed");
    return {
      ok: false,
      error: {
        code: "internal",
        message: `${method} failed unexpectedly; the log file has the details.`,
      },
    };
  }
}

function isTrustedSender(
  event: IpcMainInvokeEvent | IpcMainEvent,
  options: IpcBridgeOptions,
): boolean {
  const frame = event.senderFrame;
  if (options.window.isDestroyed()) return false;
  return (
    event.sender === options.window.webContents &&
    frame !== null &&
    frame.parent === null &&
    isRendererPageUrl(frame.url, options.rendererIndexPath)
  );
}

function rejectedSender(): ApiResult<never> {
  return {
    ok: false,
    error: {
      code: "invalid_request",
      message: "IPC call rejected: the sender is not the inbox window.",
    },
  };
}

function senderOrigin(event: IpcMainInvokeEvent | IpcMainEvent): string {
  const url = event.senderFrame?.url ?? "";
  try {
    const parsed = new URL(url);
    return parsed.protocol === "file:" ? "file://" : parsed.origin;
  } catch {
    return "(none)";
  }
}
