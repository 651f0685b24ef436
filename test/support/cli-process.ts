import {
  execFile,
  spawn,
  spawnSync,
  type ChildProcess,
} from "node:child_process";
import { createInterface } from "node:readline";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

/** A running `serve` child process with the ports and inbox URL it logged. */
export interface ServeWithUi {
  child: ChildProcess;
  webhookPort: number;
  /** The inbox URL with its token, when the UI is served. */
  inboxUrl: string | null;
  /** Log lines seen so far, parsed. */
  logs: Record<string, unknown>[];
  /** Resolves with the first log line, past or future, that matches. */
  waitForLog(
    match: (entry: Record<string, unknown>) => boolean,
  ): Promise<Record<string, unknown>>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `main/cli/serve.ts` under tsx and resolves once the webhook
 * listener (and the UI, unless --no-ui is passed) logged that it is ready.
 */
export function startServe(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ServeWithUi> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "main/cli/serve.ts", ...args],
    {
      cwd: ROOT,
      env: { ...process.env, LEAD_INBOX_LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const wantsUi = !args.includes("--no-ui");
  const logs: Record<string, unknown>[] = [];
  const waiters: {
    match: (entry: Record<string, unknown>) => boolean;
    resolve: (entry: Record<string, unknown>) => void;
  }[] = [];
  const waitForLog: ServeWithUi["waitForLog"] = (match) => {
    const seen = logs.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => waiters.push({ match, resolve }));
  };
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", resolve),
  );

  return new Promise((resolve, reject) => {
    let webhookPort: number | null = null;
    let inboxUrl: string | null = null;
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      for (const waiter of waiters.filter((w) => w.match(entry))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(entry);
      }
      if (entry.msg === "Webhook listener started")
        webhookPort = entry.port as number;
      if (typeof entry.inboxUrl === "string") inboxUrl = entry.inboxUrl;
      if (webhookPort !== null && (!wantsUi || inboxUrl !== null)) {
        resolve({
          child,
          webhookPort,
          inboxUrl,
          logs,
          waitForLog,
          stop: () => {
            if (child.exitCode === null) child.kill("SIGTERM");
            return exited;
          },
        });
      }
    });
    void exited.then((code) =>
      reject(
        new Error(
          `serve exited with code ${String(code)} before it was ready:\n${stderr}`,
        ),
      ),
    );
  });
}

/** Runs `main/cli/cli.ts` to completion and returns its output and exit code. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "main/cli/cli.ts", ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/**
 * Runs `main/cli/cli.ts` without blocking the event loop, for tests whose
 * own servers (such as the localtunnel test server) must keep serving.
 */
export function runCliAsync(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "main/cli/cli.ts", ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const status = error
          ? typeof error.code === "number"
            ? error.code
            : null
          : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}
