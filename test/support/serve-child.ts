import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";

const REPO_ROOT = join(__dirname, "..", "..");

/** A `serve` command running in a child process on 127.0.0.1. */
export interface ServeChild {
  child: ChildProcess;
  /** Webhook listener port. */
  port: number;
  /** Inbox address with its token, or null with `ui` off. */
  inboxUrl: string | null;
  /** Log lines written after startup, parsed; kept only with `keepLogs`. */
  logs: Record<string, unknown>[];
  /** Resolves with the first kept log line, past or future, that matches. */
  waitForLog(
    match: (entry: Record<string, unknown>) => boolean,
  ): Promise<Record<string, unknown>>;
  /** Sends SIGTERM and resolves with the exit code once the process ended. */
  stop(): Promise<number | null>;
  /** Sends SIGKILL, like a power cut, and resolves once the process ended. */
  kill(): Promise<void>;
}

export interface ServeChildOptions {
  dataDir: string;
  /** Bearer token set through LEAD_INBOX_TOKEN. */
  token: string;
  /** Serves the inbox UI on a free port and waits for its URL; off by default. */
  ui?: boolean;
  /** More command-line options, for example `--tunnel`. */
  args?: string[];
  /** Extra environment variables, for example LEAD_INBOX_LOG_LEVEL. */
  env?: Record<string, string>;
  /** Parses and keeps every log line; off for load runs. */
  keepLogs?: boolean;
  /** Time allowed for the listener to start, in ms. */
  startTimeoutMs?: number;
}

/**
 * Starts `node --import tsx main/cli/serve.ts --port 0` on `dataDir` and
 * resolves once it logged the webhook port (and, with `ui`, the inbox URL).
 * Stdout is read to the end, so that the child never blocks on a full pipe.
 */
export async function startServeChild(
  options: ServeChildOptions,
): Promise<ServeChild> {
  const uiArgs = options.ui ? ["--ui-port", "0"] : ["--no-ui"];
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(REPO_ROOT, "main", "cli", "serve.ts"),
      "--data-dir",
      options.dataDir,
      "--port",
      "0",
      ...uiArgs,
      ...(options.args ?? []),
    ],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        LEAD_INBOX_AUTH: "bearer",
        LEAD_INBOX_TOKEN: options.token,
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = once(child, "exit") as Promise<
    [number | null, NodeJS.Signals | null]
  >;
  const logs: Record<string, unknown>[] = [];
  const waiters: {
    match: (entry: Record<string, unknown>) => boolean;
    resolve: (entry: Record<string, unknown>) => void;
  }[] = [];
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    if (stderr.length < 10_000) stderr += chunk;
  });

  const keep = (entry: Record<string, unknown>) => {
    logs.push(entry);
    for (const waiter of waiters.filter((item) => item.match(entry))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(entry);
    }
  };

  const started = await new Promise<{ port: number; inboxUrl: string | null }>(
    (resolve, reject) => {
      let port: number | null = null;
      let inboxUrl: string | null = null;
      let ready = false;
      const timeoutMs = options.startTimeoutMs ?? 20_000;
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(
          new Error(
            `serve was not ready within ${timeoutMs} ms; stderr: ${stderr}`,
          ),
        );
      }, timeoutMs);

      const lines = createInterface({ input: child.stdout });
      lines.on("line", (line) => {
        const entry = parseLogLine(line);
        if (entry === null) return;
        if (ready) {
          keep(entry);
          return;
        }
        if (options.keepLogs) keep(entry);
        if (entry.msg === "Webhook listener started") port = Number(entry.port);
        if (typeof entry.inboxUrl === "string") inboxUrl = entry.inboxUrl;
        if (port === null || (options.ui && inboxUrl === null)) return;

        ready = true;
        clearTimeout(timer);
        if (!options.keepLogs) {
          // Under load the child logs a line per delivery; discarding them
          // unparsed keeps this process's CPU for the load generator.
          lines.close();
          child.stdout.resume();
        }
        resolve({ port, inboxUrl });
      });
      void exited.then(([code, signal]) => {
        if (ready) return;
        clearTimeout(timer);
        reject(
          new Error(
            `serve exited before it was ready (code ${code}, signal ` +
              `${signal}); stderr: ${stderr}`,
          ),
        );
      });
    },
  );

  return {
    child,
    port: started.port,
    inboxUrl: started.inboxUrl,
    logs,
    waitForLog(match) {
      const seen = logs.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
      }
      const [code] = await exited;
      return code;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
      }
      await exited;
    },
  };
}

function parseLogLine(line: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(line) as unknown;
    return typeof value === "object" && value !== null
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
