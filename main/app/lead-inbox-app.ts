import { EventEmitter } from "node:events";
import { basename, join } from "node:path";

import type { AppStatus } from "../../shared/contract";
import { createAdminServer, generateUiToken } from "../admin/admin-server";
import { createApiHandlers } from "../api/handlers";
import { SqliteIngestor } from "../ingest/sqlite-ingestor";
import type { LeadCommitted } from "../ingest/delivery";
import { createWebhookServer } from "../http/webhook-server";
import type { SignatureConfig } from "../http/webhook-config";
import { createLogger } from "../log/logger";
import { startBackgroundCheckpoints } from "../store/background-checkpoint";
import { openDatabase } from "../store/database";
import { SettingsStore } from "../store/settings-store";
import { generateSubdomain } from "../tunnel/subdomain";
import { DEFAULT_TUNNEL_HOST, TunnelManager } from "../tunnel/tunnel-manager";
import type { TunnelStatus } from "../tunnel/tunnel-status";
import { createApiServices } from "./api-services";
import type {
  LeadInboxApp,
  LeadInboxAppEvents,
  LeadInboxAppOptions,
} from "./app-types";
import { databasePath } from "./data-dir";
import { resolveEffectiveAuth } from "./effective-auth";

/** Failed auth attempts counted for the status, over this window. */
const AUTH_FAILURE_WINDOW_MS = 10 * 60_000;

const TUNNEL_OFF: TunnelStatus = {
  state: "off",
  url: null,
  lastProbeAt: null,
  lastError: null,
};

/**
 * Starts the core of the app: database, webhook listener, optional tunnel
 * and optional admin server for the browser UI. The desktop app and
 * `npm run serve` both run this; neither needs Electron for it.
 */
export async function startLeadInboxApp(
  options: LeadInboxAppOptions,
): Promise<LeadInboxApp> {
  const logger = createLogger("app");
  const env = options.env ?? process.env;
  const db = openDatabase(databasePath(options.dataDir));
  const stopCheckpoints = startBackgroundCheckpoints(
    db,
    databasePath(options.dataDir),
    createLogger("checkpoint"),
  );
  const settings = new SettingsStore(db);
  const stored = settings.ensureGenerated(generateSubdomain);
  const effective = resolveEffectiveAuth(stored, env);
  const events = new EventEmitter<LeadInboxAppEvents>();
  let receiving = true;
  let stopped = false;
  let authFailureTimes: number[] = [];

  const ingestor = new SqliteIngestor(db, {
    getDefaultRegion: () => settings.get().defaultPhoneRegion,
    logger: createLogger("ingest"),
  });
  const announceLead = (lead: LeadCommitted) => {
    events.emit("lead", lead);
  };
  ingestor.on("lead", announceLead);
  ingestor.on("quarantined", () => events.emit("status", getStatus()));

  const webhook = createWebhookServer({
    ingestor,
    getAuth: () => resolveEffectiveAuth(settings.get(), env).auth,
    getSignature: (): SignatureConfig => {
      const current = settings.get();
      return current.signatureCheck && current.signatureSecret
        ? {
            enabled: true,
            scheme: "hmac-sha256",
            secret: current.signatureSecret,
          }
        : { enabled: false };
    },
    isReceiving: () => receiving,
    logger: createLogger("webhook"),
    onAuthFailure: (failure) => {
      authFailureTimes.push(Date.now());
      events.emit("auth-failure", failure);
    },
  });
  const host = options.host ?? "127.0.0.1";
  const { port: webhookPort } = await webhook.listen(options.port ?? 0, host);
  const localHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  const localWebhookUrl = `http://${formatHost(localHost)}:${webhookPort}/webhook`;
  logger.info(
    {
      port: webhookPort,
      host,
      webhookUrl: localWebhookUrl,
      authSource: effective.source,
    },
    "Webhook listener started",
  );
  if (effective.auth.type === "none") {
    logger.warn(
      "Authentication is off: anyone who knows the URL can post leads. " +
        "Set LEAD_INBOX_AUTH=bearer or basic, or choose an auth type in Settings.",
    );
  }

  let tunnel: TunnelManager | null = null;
  const tunnelConfig = () => {
    const current = settings.get();
    return {
      enabled: options.tunnel?.enabled ?? current.tunnelEnabled,
      host: options.tunnel?.host || current.tunnelHost || DEFAULT_TUNNEL_HOST,
      subdomain: options.tunnel?.subdomain || current.tunnelSubdomain,
    };
  };
  const tunnelConfigKey = () => JSON.stringify(tunnelConfig());
  let runningTunnelKey = "";
  const startTunnel = () => {
    // A second settings change may start a tunnel while the first one's
    // predecessor is still stopping; only one may run.
    if (tunnel) return;
    const config = tunnelConfig();
    runningTunnelKey = JSON.stringify(config);
    if (!config.enabled || stopped) return;
    try {
      tunnel = new TunnelManager({
        enabled: true,
        localPort: webhookPort,
        host: config.host,
        subdomain: config.subdomain,
        logger: createLogger("tunnel"),
      });
    } catch (error) {
      // An invalid host or subdomain: keep receiving locally and log the reason.
      logger.error({ err: error, host: config.host }, "Tunnel not started");
      return;
    }
    tunnel.on("status", (status) => {
      if (status.state === "up" && status.url) notePublicUrl(status.url);
      events.emit("status", getStatus());
    });
    tunnel.on("subdomain-mismatch", ({ requested, url }) => {
      logger.warn(
        { requested, url },
        "The tunnel server gave another address than requested; paste the new webhook URL into LocumJobsOnline",
      );
    });
    tunnel.start();
  };
  const notePublicUrl = (url: string) => {
    const previous = settings.get().lastPublicUrl;
    if (previous === url) return;
    settings.update({ lastPublicUrl: url });
    logger.info({ previousUrl: previous || null, url }, "Public URL changed");
    events.emit("public-url-changed", { previousUrl: previous || null, url });
  };

  const publicWebhookUrl = () => {
    const status = tunnel?.getStatus();
    return status?.url
      ? `${status.url.replace(/\/$/, "")}/webhook`
      : localWebhookUrl;
  };

  const countRow = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const getStatus = (): AppStatus => {
    const cutoff = Date.now() - AUTH_FAILURE_WINDOW_MS;
    authFailureTimes = authFailureTimes.filter((time) => time >= cutoff);
    return {
      receiving,
      webhookUrl: publicWebhookUrl(),
      localWebhookUrl,
      tunnel: tunnel?.getStatus() ?? TUNNEL_OFF,
      candidateCount: countRow("SELECT count(*) AS n FROM candidates"),
      quarantinedCount: countRow(
        "SELECT count(*) AS n FROM deliveries WHERE status = 'quarantined'",
      ),
      recentAuthFailures: authFailureTimes.length,
    };
  };

  const services = createApiServices({
    db,
    dataDir: options.dataDir,
    settings,
    env,
    localWebhookUrl: () => localWebhookUrl,
    publicWebhookUrl,
    getStatus,
    announceLead,
    ...(options.tunnel ? { tunnelOptions: options.tunnel } : {}),
    onSettingsChanged: () => {
      // The tunnel manager cannot be reconfigured, so a change of the tunnel
      // settings replaces it.
      if (tunnelConfigKey() !== runningTunnelKey) {
        const stopping = tunnel;
        tunnel = null;
        if (stopping) {
          stopping.stop().then(startTunnel, (error: unknown) => {
            logger.error({ err: error }, "Stopping the tunnel failed");
            startTunnel();
          });
        } else {
          startTunnel();
        }
      }
      events.emit("status", getStatus());
    },
  });
  const api = createApiHandlers(db, services, createLogger("api"));

  let admin: Awaited<ReturnType<typeof startAdmin>> | null = null;
  async function startAdmin(uiPort: number) {
    const token = env.LEAD_INBOX_UI_TOKEN || generateUiToken();
    const server = createAdminServer({
      handlers: api,
      staticDir: rendererBuildDir(),
      token,
      logger: createLogger("admin"),
      subscribe: (listener) => {
        const onLead = (lead: LeadCommitted) =>
          listener({ type: "lead", lead });
        const onStatus = (status: AppStatus) =>
          listener({ type: "status", status });
        events.on("lead", onLead);
        events.on("status", onStatus);
        return () => {
          events.off("lead", onLead);
          events.off("status", onStatus);
        };
      },
    });
    const { port } = await server.listen(uiPort);
    const inboxUrl = `http://127.0.0.1:${port}/?token=${token}`;
    logger.info(
      { port, inboxUrl },
      "Inbox UI ready: open inboxUrl in a browser",
    );
    return { server, port, inboxUrl };
  }
  if (options.uiPort !== null && options.uiPort !== undefined) {
    admin = await startAdmin(options.uiPort);
  }

  startTunnel();

  return {
    dataDir: options.dataDir,
    webhookPort,
    uiPort: admin?.port ?? null,
    inboxUrl: admin?.inboxUrl ?? null,
    api,
    events,
    getStatus,
    setReceiving(value) {
      receiving = value;
      logger.info(
        { receiving },
        value ? "Receiving resumed" : "Receiving paused",
      );
      events.emit("status", getStatus());
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      logger.info("Stopping");
      await Promise.allSettled([
        webhook.close(),
        admin?.server.close(),
        tunnel?.stop(),
      ]);
      await stopCheckpoints();
      db.close();
      logger.info("Stopped; database closed");
    },
  };
}

function formatHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * Returns the Vite build of the inbox UI: dist/renderer at the project root,
 * whether this module runs from main/app under tsx or from dist/main/app.
 */
function rendererBuildDir(): string {
  const fromSource = join(__dirname, "..", "..", "dist", "renderer");
  const fromBuild = join(__dirname, "..", "..", "renderer");
  return basename(join(__dirname, "..", "..")) === "dist"
    ? fromBuild
    : fromSource;
}
