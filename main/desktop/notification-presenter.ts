import { Notification } from "electron";

import type { Logger } from "../log/logger";
import type {
  NotificationPresenter,
  NotificationRequest,
} from "../notify/notification-types";

/** Oldest notifications beyond this many lose their click handler. */
const MAX_TRACKED = 50;

/**
 * Shows notifications through Electron. Shown notifications stay referenced
 * until clicked or closed: a Notification object that is garbage-collected
 * no longer emits `click`.
 */
export function createNotificationPresenter(
  log: Logger,
  iconPath: string,
): NotificationPresenter {
  const live = new Set<Notification>();

  return {
    show(request: NotificationRequest) {
      if (!Notification.isSupported()) {
        log.warn(
          { title: request.title },
          "notifications are not supported on this system",
        );
        return;
      }
      const notification = new Notification({
        title: request.title,
        body: request.body,
        icon: iconPath,
      });
      const release = () => live.delete(notification);

      notification.on("click", () => {
        release();
        request.onClick?.();
      });
      notification.on("close", release);
      notification.on("failed", (_event, error) => {
        release();
        log.error({ error, title: request.title }, "notification failed");
      });

      live.add(notification);
      if (live.size > MAX_TRACKED) {
        const [oldest] = live;
        if (oldest) live.delete(oldest);
      }
      notification.show();
    },
  };
}
