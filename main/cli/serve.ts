import { startLeadInboxApp } from "../app/lead-inbox-app";
import { defaultDataDir } from "../app/data-dir";
import { createLogger } from "../log/logger";
import { isValidSubdomain } from "../tunnel/subdomain";
import { validateTunnelHost } from "../tunnel/tunnel-options";
import { DEFAULT_WEBHOOK_PORT } from "./serve-defaults";
import { parseOptions, parsePort, UsageError } from "./usage-error";

const USAGE = `Usage: npm run serve -- [options]

Runs the webhook listener and the inbox UI without the desktop app.

Options:
  --data-dir DIR       Folder for the database and exports
                       (default: the platform's app-data folder)
  --host ADDRESS       Address the webhook listener binds to (default 127.0.0.1)
  --port N             Webhook port; 0 takes a free port (default 8400)
  --ui-port N          Inbox UI and admin API port on 127.0.0.1
                       (default: the webhook port plus one; 0 takes a free port)
  --no-ui              Serve no inbox UI
  --tunnel             Open a public URL through a localtunnel server
  --tunnel-host URL    localtunnel server (default https://localtunnel.me)
  --subdomain NAME     Subdomain to request (default: generated once and kept)
  --help               Show this help

Environment: LEAD_INBOX_AUTH=bearer|basic|none, LEAD_INBOX_TOKEN, LEAD_INBOX_USER,
LEAD_INBOX_PASSWORD override the stored webhook credentials; LEAD_INBOX_UI_TOKEN
fixes the inbox token; LEAD_INBOX_LOG_LEVEL sets the log level (default info).
`;

async function main(argv: string[]): Promise<void> {
  const values = parseOptions(argv, {
    "data-dir": { type: "string" },
    host: { type: "string" },
    port: { type: "string" },
    "ui-port": { type: "string" },
    "no-ui": { type: "boolean" },
    tunnel: { type: "boolean" },
    "tunnel-host": { type: "string" },
    subdomain: { type: "string" },
    help: { type: "boolean" },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = parsePort(values.port, "--port") ?? DEFAULT_WEBHOOK_PORT;
  if (values["tunnel-host"] !== undefined) {
    try {
      validateTunnelHost(values["tunnel-host"]);
    } catch (error) {
      throw new UsageError(`--tunnel-host: ${(error as Error).message}.`);
    }
  }
  if (values.subdomain !== undefined && !isValidSubdomain(values.subdomain)) {
    throw new UsageError(
      `--subdomain "${values.subdomain}" is not valid: use 4 to 63 lowercase ` +
        `letters, digits or hyphens, starting and ending with a letter or digit.`,
    );
  }
  const uiPort = values["no-ui"]
    ? null
    : (parsePort(values["ui-port"], "--ui-port") ??
      (port === 0 ? 0 : port + 1));

  const logger = createLogger("serve");
  const app = await startLeadInboxApp({
    dataDir: values["data-dir"] ?? defaultDataDir(),
    host: values.host ?? "127.0.0.1",
    port,
    uiPort,
    tunnel: {
      enabled: values.tunnel ?? false,
      ...(values["tunnel-host"] ? { host: values["tunnel-host"] } : {}),
      ...(values.subdomain ? { subdomain: values.subdomain } : {}),
    },
  });
  logger.info({ dataDir: app.dataDir }, "Serving; press Ctrl+C to stop");
  printBanner(app.getStatus().webhookUrl, app.inboxUrl, app.dataDir);
  app.events.on("public-url-changed", ({ url }) => {
    process.stderr.write(
      `Public webhook URL: ${url}/webhook (paste it into LocumJobsOnline)\n`,
    );
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "Shutting down: finishing requests in flight");
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "Shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

/** Prints the two addresses a person needs, apart from the JSON log on stdout. */
function printBanner(
  webhookUrl: string,
  inboxUrl: string | null,
  dataDir: string,
) {
  const lines = [
    "",
    "Locum Lead Inbox is running.",
    `  Webhook URL on this machine:     ${webhookUrl}`,
    "  LocumJobsOnline reaches it only through --tunnel or a public HTTPS proxy.",
    inboxUrl
      ? `  Inbox (open in a browser):       ${inboxUrl}`
      : "  Inbox: not served (--no-ui)",
    `  Credentials to paste into LJO:   npm run cli -- credentials --data-dir "${dataDir}"`,
    "",
  ];
  process.stderr.write(lines.join("\n") + "\n");
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  createLogger("serve").fatal({ err: error }, "Could not start");
  process.stderr.write(
    `Could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
