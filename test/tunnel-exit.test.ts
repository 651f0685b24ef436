import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { test } from "node:test";

/**
 * These tests run a scenario in a child process and require that process to
 * exit by itself after `stop()`: any timer, socket or server left open keeps
 * it alive.
 */

const ROOT = path.resolve(__dirname, "..");
const EXIT_DEADLINE_MS = 8_000;

/** Code shared by the scenarios, where `scenario` is an async function body. */
function childScript(scenario: string): string {
  return `
const http = require("node:http");
const { once } = require("node:events");
const pino = require("pino");
const { TunnelManager } = require(${JSON.stringify(path.join(ROOT, "main/tunnel/tunnel-manager.ts"))});
const { generateSubdomain } = require(${JSON.stringify(path.join(ROOT, "main/tunnel/subdomain.ts"))});
const { LocaltunnelTestServer } = require(${JSON.stringify(path.join(ROOT, "test/support/localtunnel-test-server.ts"))});

function waitForState(manager, state) {
  if (manager.getStatus().state === state) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = (status) => {
      if (status.state !== state) return;
      manager.off("status", listener);
      resolve();
    };
    manager.on("status", listener);
  });
}

(async () => {
${scenario}
  process.stdout.write(JSON.stringify({ stopped: true, resources: process.getActiveResourcesInfo() }) + "\\n");
})().catch((error) => {
  process.stderr.write(String(error && error.stack) + "\\n");
  process.exit(2);
});
`;
}

async function runChild(
  scenario: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "-e", childScript(scenario)],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));

  const deadline = setTimeout(() => child.kill("SIGKILL"), EXIT_DEADLINE_MS);
  const [code] = (await once(child, "exit")) as [number | null];
  clearTimeout(deadline);
  return { code, stdout, stderr };
}

function assertExited(result: {
  code: number | null;
  stdout: string;
  stderr: string;
}): void {
  assert.equal(
    result.code,
    0,
    `child did not exit cleanly within ${EXIT_DEADLINE_MS} ms ` +
      `(code ${result.code}); stdout: ${result.stdout} stderr: ${result.stderr}`,
  );
  assert.match(result.stdout, /"stopped":true/);
}

const TIMINGS = `{
    openTimeoutMs: 2000,
    initialBackoffMs: 20,
    maxBackoffMs: 100,
    probeIntervalMs: 20,
    probeTimeoutMs: 1000,
  }`;

void test(
  "stop after retries leaves no handles",
  { timeout: 15_000 },
  async () => {
    const result = await runChild(`
  const server = await LocaltunnelTestServer.create();
  server.down = true;
  const manager = new TunnelManager({
    enabled: true,
    localPort: 9,
    host: server.url,
    subdomain: generateSubdomain(),
    logger: pino({ level: "silent" }),
    timings: ${TIMINGS},
  });
  const retried = new Promise((resolve) => {
    server.on("handshake", () => { if (server.handshakes.length >= 3) resolve(); });
  });
  manager.start();
  await retried;
  await manager.stop();
  await server.stop();
`);
    assertExited(result);
  },
);

void test(
  "stop of an up tunnel leaves no handles",
  { timeout: 15_000 },
  async () => {
    const result = await runChild(`
  const local = http.createServer((request, response) => response.end("ok"));
  local.listen(0, "127.0.0.1");
  await once(local, "listening");
  const server = await LocaltunnelTestServer.create();
  const manager = new TunnelManager({
    enabled: true,
    localPort: local.address().port,
    host: server.url,
    subdomain: generateSubdomain(),
    logger: pino({ level: "silent" }),
    timings: ${TIMINGS},
  });
  manager.start();
  await waitForState(manager, "up");
  const probed = new Promise((resolve) => {
    manager.on("status", (status) => { if (status.lastProbeAt) resolve(); });
  });
  await probed;
  await manager.stop();
  await server.stop();
  local.close();
`);
    assertExited(result);
  },
);
