import { Menu, Tray, nativeImage } from "electron";

import type { Logger } from "../log/logger";
import type { TrayView } from "../tray-state/tray-view";
import { trayIconPath } from "./app-paths";

export interface TrayActions {
  openInbox(): void;
  copyWebhookUrl(): void;
  setPaused(paused: boolean): void;
  setStartAtLogin(enabled: boolean): void;
  isStartAtLogin(): boolean;
  /** False where the platform has no start-at-login mechanism. */
  canStartAtLogin: boolean;
  quit(): void;
}

/** The tray icon and its menu; all decisions come in through `TrayView`. */
export class TrayController {
  private lastView = "";

  private constructor(
    private readonly tray: Tray,
    private readonly actions: TrayActions,
  ) {
    tray.on("click", () => actions.openInbox());
  }

  /** Returns null when the platform refused to create a tray icon. */
  static create(
    view: TrayView,
    actions: TrayActions,
    log: Logger,
  ): TrayController | null {
    let tray: Tray;
    try {
      tray = new Tray(nativeImage.createFromPath(trayIconPath(view.icon)));
    } catch (error) {
      log.warn({ err: error }, "could not create the tray icon");
      return null;
    }
    const controller = new TrayController(tray, actions);
    controller.update(view);
    return controller;
  }

  /** Applies a view; the menu is rebuilt only when something changed. */
  update(view: TrayView): void {
    const key = JSON.stringify([view, this.actions.isStartAtLogin()]);
    if (key === this.lastView) return;
    this.lastView = key;

    this.tray.setImage(nativeImage.createFromPath(trayIconPath(view.icon)));
    this.tray.setToolTip(view.tooltip);
    // Some Linux panels show no tooltips for tray icons, so the state also
    // heads the menu.
    this.tray.setContextMenu(this.buildMenu(view));
  }

  destroy(): void {
    this.tray.destroy();
  }

  private buildMenu(view: TrayView): Menu {
    const actions = this.actions;
    return Menu.buildFromTemplate([
      { label: view.tooltip, enabled: false },
      { type: "separator" },
      { label: "Open inbox", click: () => actions.openInbox() },
      {
        label: "Copy webhook URL",
        enabled: view.canCopyWebhookUrl,
        click: () => actions.copyWebhookUrl(),
      },
      { type: "separator" },
      {
        label: "Pause receiving",
        type: "checkbox",
        checked: view.paused,
        click: (item) => actions.setPaused(item.checked),
      },
      {
        label: "Start at login",
        type: "checkbox",
        enabled: actions.canStartAtLogin,
        checked: actions.isStartAtLogin(),
        click: (item) => actions.setStartAtLogin(item.checked),
      },
      { type: "separator" },
      { label: "Quit", click: () => actions.quit() },
    ]);
  }
}
