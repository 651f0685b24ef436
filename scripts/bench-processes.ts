import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** The baseline server running in a child process. */
export interface BaselineServer {
  child: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

/** Starts scripts/bench-baseline-server.ts and resolves with its port. */
export async function startBaselineServer(): Promise<BaselineServer> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(__dirname, "bench-baseline-server.ts")],
    { cwd: join(__dirname, ".."), stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = once(child, "exit");
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<number>((resolve, reject) => {
    lines.once("line", (line) => {
      const { port: value } = JSON.parse(line) as { port: number };
      resolve(value);
    });
    void exited.then(() => {
      reject(new Error("the baseline server exited before it listened"));
    });
  });
  lines.close();
  return {
    child,
    port,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
      }
      await exited;
    },
  };
}
