import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";

const REPO_ROOT = join(__dirname, "..", "..");

/** A `serve` command running in a child process on 127.0.0.1. */
export interface ServeChild {
  child: ChildProcess;
  port: number;
  /** Log lines written after startup, parsed; kept only with `keepLogs`. */
  logs: Record<string, unknown>[];
  /** Sends SIGTERM and resolves with the exit code once the process ended. */
  stop(): Promise<number | null>;
  /** Sends SIGKILL, like a power cut, and resolves once the process ended. */
  kill(): Promise<void>;
}

export interface ServeChildOptions {
  dataDir: string;
  /** Bearer token set through LEAD_INBOX_TOKEN. */
  token: string;
  /** Extra environment variables, for example LEAD_INBOX_LOG_LEVEL. */
  env?: Record<string, string>;
  /** Parses and keeps every log line; off for load runs. */
  keepLogs?: boolean;
  /** Time allowed for the listener to start, in ms. */
  startTimeoutMs?: number;
}

/**
 * Starts `node --import tsx main/cli/serve.ts --port 0 --no-ui` on
 * `dataDir` and resolves once its "Webhook listener started" log line
 * gives the port. Stdout is read to the end, so that the child never blocks
 * on a full pipe.
 */
export async function startServeChild(
  options: ServeChildOptions,
): Promise<ServeChild> {
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
      "--no-ui",
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
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    if (stderr.length < 10_000) stderr += chunk;
  });

  const port = await new Promise<number>((resolve, reject) => {
    let started = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(
          `serve did not log "Webhook listener started" within ` +
            `${options.startTimeoutMs ?? 20_000} ms; stderr: ${stderr}`,
        ),
      );
    }, options.startTimeoutMs ?? 20_000);

    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      const entry = parseLogLine(line);
      if (entry === null) return;
      if (started) {
        logs.push(entry);
        return;
      }
      if (entry.msg !== "Webhook listener started") return;

      started = true;
      clearTimeout(timer);
      if (!options.keepLogs) {
        // Under load the child logs a line per delivery; discarding them
        // unparsed keeps this process's CPU for the load generator.
        lines.close();
        child.stdout.resume();
      }
      resolve(Number(entry.port));
    });
    void exited.then(([code, signal]) => {
      if (started) return;
      clearTimeout(timer);
      reject(
        new Error(
          `serve exited before it started listening (code ${code}, ` +
            `signal ${signal}); stderr: ${stderr}`,
        ),
      );
    });
  });

  return {
    child,
    port,
    logs,
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
