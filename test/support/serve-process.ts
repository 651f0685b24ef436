import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";

const REPO_ROOT = join(__dirname, "..", "..");
const START_TIMEOUT_MS = 20_000;

/** `npm run serve` started as a child process, with its log lines parsed. */
export interface ServeProcess {
  child: ChildProcess;
  webhookPort: number;
  /** Every JSON log line the process wrote to stdout so far. */
  logs: Record<string, unknown>[];
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Runs `main/cli/serve.ts` with `args` and resolves once its
 * "Webhook listener started" line gives the port.
 */
export async function startServe(
  args: string[],
  env: Record<string, string> = {},
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(REPO_ROOT, "main", "cli", "serve.ts"), ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = once(child, "exit") as Promise<[number | null, string | null]>;
  const logs: Record<string, unknown>[] = [];
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr += chunk;
  });

  const webhookPort = await new Promise<number>((resolve, reject) => {
    let started = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(
          `serve did not start listening within ${START_TIMEOUT_MS} ms; stderr: ${stderr}`,
        ),
      );
    }, START_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on("line", (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      if (!started && entry.msg === "Webhook listener started") {
        started = true;
        clearTimeout(timer);
        resolve(Number(entry.port));
      }
    });
    void exited.then(([code, signal]) => {
      if (started) return;
      clearTimeout(timer);
      reject(
        new Error(
          `serve exited before listening (code ${code}, signal ${signal}); stderr: ${stderr}`,
        ),
      );
    });
  });

  return {
    child,
    webhookPort,
    logs,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
      }
      const [code] = await exited;
      return code;
    },
  };
}

/** Runs `main/cli/cli.ts` with `args` to completion. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", join(REPO_ROOT, "main", "cli", "cli.ts"), ...args],
    {
      cwd: REPO_ROOT,
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
