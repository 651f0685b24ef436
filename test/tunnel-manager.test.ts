import assert from "node:assert/strict";
import { once } from "node:events";
import http from "node:http";
import net from "node:net";
import { test, type TestContext } from "node:test";

import pino from "pino";

import { generateSubdomain } from "../main/tunnel/subdomain";
import {
  TunnelManager,
  type TunnelManagerOptions,
  type TunnelTimings,
} from "../main/tunnel/tunnel-manager";
import type { TunnelStatus } from "../main/tunnel/tunnel-status";
import {
  LocaltunnelTestServer,
  type HandshakeRecord,
  type LocaltunnelTestServerOptions,
} from "./support/localtunnel-test-server";

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });

/** Fast timings. The probe stays off unless a test shortens its interval. */
const FAST: Partial<TunnelTimings> = {
  openTimeoutMs: 3_000,
  initialBackoffMs: 20,
  maxBackoffMs: 200,
  probeIntervalMs: 600_000,
  probeTimeoutMs: 1_000,
};

/** Stands in for the webhook listener: echoes POST bodies, serves /health. */
interface LocalListener {
  port: number;
  healthy: boolean;
  received: { method: string; path: string; host: string; body: string }[];
}

async function startLocalListener(t: TestContext): Promise<LocalListener> {
  const listener: LocalListener = { port: 0, healthy: true, received: [] };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      if (request.url === "/health") {
        response.writeHead(listener.healthy ? 200 : 503).end();
        return;
      }
      listener.received.push({
        method: request.method ?? "",
        path: request.url ?? "",
        host: request.headers.host ?? "",
        body,
      });
      response
        .writeHead(202, { "content-type": "application/json" })
        .end(JSON.stringify({ stored: body.length }));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  listener.port = (server.address() as net.AddressInfo).port;
  t.after(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, "close");
  });
  return listener;
}

async function startTunnelServer(
  t: TestContext,
  options?: LocaltunnelTestServerOptions,
): Promise<LocaltunnelTestServer> {
  const server = await LocaltunnelTestServer.create(options);
  t.after(() => server.stop());
  return server;
}

/** Records every status the manager emits, so waits can look back. */
class StatusLog {
  readonly history: TunnelStatus[] = [];

  constructor(private readonly manager: TunnelManager) {
    manager.on("status", (status) => this.history.push(status));
  }

  get states(): string[] {
    return this.history.map((status) => status.state);
  }

  /** Resolves with the first status at or after `fromIndex` that matches. */
  waitFor(
    predicate: (status: TunnelStatus) => boolean,
    fromIndex = 0,
  ): Promise<TunnelStatus> {
    const seen = this.history.slice(fromIndex).find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const listener = (status: TunnelStatus): void => {
        if (!predicate(status)) return;
        this.manager.off("status", listener);
        resolve(status);
      };
      this.manager.on("status", listener);
    });
  }
}

function createManager(
  t: TestContext,
  options: Partial<TunnelManagerOptions> & { localPort: number },
): { manager: TunnelManager; log: StatusLog } {
  const manager = new TunnelManager({
    enabled: true,
    logger,
    random: () => 0.5,
    ...options,
    timings: { ...FAST, ...options.timings },
  });
  const log = new StatusLog(manager);
  t.after(() => manager.stop());
  return { manager, log };
}

function isUp(status: TunnelStatus): boolean {
  return status.state === "up";
}

function isDown(status: TunnelStatus): boolean {
  return status.state === "down";
}

async function postJson(
  url: string,
  body: string,
): Promise<{ statusCode: number; body: string }> {
  const request = http.request(url, {
    method: "POST",
    agent: false,
    headers: { "content-type": "application/json" },
  });
  request.end(body);
  const [response] = (await once(request, "response")) as [
    http.IncomingMessage,
  ];
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return {
    statusCode: response.statusCode ?? 0,
    body: Buffer.concat(chunks).toString("utf8"),
  };
}

function waitForHandshakes(
  server: LocaltunnelTestServer,
  count: number,
): Promise<HandshakeRecord[]> {
  if (server.handshakes.length >= count) {
    return Promise.resolve(server.handshakes.slice(0, count));
  }
  return new Promise((resolve) => {
    const listener = (): void => {
      if (server.handshakes.length < count) return;
      server.off("handshake", listener);
      resolve(server.handshakes.slice(0, count));
    };
    server.on("handshake", listener);
  });
}

void test(
  "tunnel relays a webhook to the local port",
  { timeout: 10_000 },
  async (t) => {
    const local = await startLocalListener(t);
    const server = await startTunnelServer(t);
    const subdomain = generateSubdomain();
    const { manager, log } = createManager(t, {
      localPort: local.port,
      host: server.url,
      subdomain,
    });

    manager.start();
    const up = await log.waitFor(isUp);

    assert.deepEqual(server.handshakes[0], {
      requested: subdomain,
      statusCode: 200,
      id: subdomain,
    });
    assert.match(up.url ?? "", /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(up.lastError, null);
    assert.deepEqual(log.states, ["connecting", "up"]);

    const payload = JSON.stringify({ event: "candidate_unlocked", id: 42 });
    const response = await postJson(`${up.url}/webhooks/ljo?x=1`, payload);

    assert.equal(response.statusCode, 202);
    assert.deepEqual(JSON.parse(response.body), { stored: payload.length });
    assert.equal(local.received.length, 1);
    assert.equal(local.received[0]?.method, "POST");
    assert.equal(local.received[0]?.path, "/webhooks/ljo?x=1");
    assert.equal(local.received[0]?.body, payload);
    // The client rewrites Host to local_host, which is 127.0.0.1.
    assert.equal(local.received[0]?.host, "127.0.0.1");

    const second = await postJson(`${up.url}/webhooks/ljo`, "{}");
    assert.equal(second.statusCode, 202);
    assert.equal(local.received.length, 2);
  },
);

void test(
  "tunnel comes back after server drops it",
  { timeout: 10_000 },
  async (t) => {
    const local = await startLocalListener(t);
    const server = await startTunnelServer(t);
    const subdomain = generateSubdomain();
    const { manager, log } = createManager(t, {
      localPort: local.port,
      host: server.url,
      subdomain,
    });
    const urlChanges: unknown[] = [];
    manager.on("url-changed", (change) => urlChanges.push(change));

    manager.start();
    const first = await log.waitFor(isUp);
    const mark = log.history.length;
    server.dropTunnel(subdomain);

    const down = await log.waitFor(isDown, mark);
    assert.match(
      down.lastError ?? "",
      /lost its connection: connection refused/,
    );
    assert.equal(down.url, first.url, "a down tunnel keeps showing its URL");

    const again = await log.waitFor(isUp, mark);
    assert.equal(again.url, first.url);
    assert.equal(again.lastError, null);
    assert.deepEqual(log.states.slice(mark), ["down", "connecting", "up"]);
    assert.equal(server.handshakes.at(-1)?.id, subdomain);
    assert.deepEqual(urlChanges, []);

    const response = await postJson(`${again.url}/after-drop`, "{}");
    assert.equal(response.statusCode, 202);
    assert.equal(local.received.at(-1)?.path, "/after-drop");
  },
);

void test(
  "tunnel comes back after server restart",
  { timeout: 10_000 },
  async (t) => {
    const local = await startLocalListener(t);
    const server = await startTunnelServer(t);
    const { manager, log } = createManager(t, {
      localPort: local.port,
      host: server.url,
      subdomain: generateSubdomain(),
    });

    manager.start();
    const first = await log.waitFor(isUp);
    const mark = log.history.length;
    await server.stop();

    // While the server is gone the handshake itself fails, more than once.
    await log.waitFor(
      (status) =>
        isDown(status) && /GET .* failed/.test(status.lastError ?? ""),
      mark,
    );
    await server.start();

    const again = await log.waitFor(isUp, mark);
    assert.equal(again.url, first.url);
    const response = await postJson(`${again.url}/after-restart`, "{}");
    assert.equal(response.statusCode, 202);
  },
);

void test(
  "taken subdomain reports mismatch then reclaims",
  { timeout: 10_000 },
  async (t) => {
    const local = await startLocalListener(t);
    const server = await startTunnelServer(t);
    const subdomain = generateSubdomain();
    server.reserve(subdomain);
    const { manager, log } = createManager(t, {
      localPort: local.port,
      host: server.url,
      subdomain,
      timings: { probeIntervalMs: 20 },
    });
    const mismatches: { requested: string; granted: string; url: string }[] =
      [];
    manager.on("subdomain-mismatch", (mismatch) => mismatches.push(mismatch));

    manager.start();
    const up = await log.waitFor(isUp);

    assert.equal(mismatches.length, 1);
    assert.equal(mismatches[0]?.requested, subdomain);
    assert.notEqual(mismatches[0]?.granted, subdomain);
    assert.equal(mismatches[0]?.url, up.url);
    const relayed = await postJson(`${up.url}/on-granted-url`, "{}");
    assert.equal(relayed.statusCode, 202, "the granted URL works meanwhile");

    // Three claim retries ran before the manager accepted the other id.
    const opens = server.handshakes.length;
    assert.equal(opens, 4);
    assert.ok(server.handshakes.every((record) => record.id !== subdomain));

    // Reclaim attempts run after each good probe and fail while reserved.
    await waitForHandshakes(server, opens + 1);
    assert.equal(server.handshakes[opens]?.requested, subdomain);
    assert.notEqual(server.handshakes[opens]?.id, subdomain);
    assert.equal(manager.getStatus().url, up.url);

    const changed = once(manager, "url-changed");
    server.release(subdomain);
    const [change] = (await changed) as [{ previousUrl: string; url: string }];

    assert.equal(change.previousUrl, up.url);
    assert.notEqual(change.url, up.url);
    assert.equal(manager.getStatus().url, change.url);
    assert.equal(manager.getStatus().state, "up");
    assert.equal(server.handshakes.at(-1)?.id, subdomain);
    assert.equal(mismatches.length, 1, "the reclaimed tunnel is no mismatch");
    const response = await postJson(`${change.url}/on-requested-url`, "{}");
    assert.equal(response.statusCode, 202);
  },
);

void test(
  "reconnect onto a taken subdomain changes URL",
  { timeout: 10_000 },
  async (t) => {
    const local = await startLocalListener(t);
    const server = await startTunnelServer(t);
    const subdomain = generateSubdomain();
    const { manager, log } = createManager(t, {
      localPort: local.port,
      host: server.url,
      subdomain,
    });
    const mismatch = once(manager, "subdomain-mismatch");
    const changed = once(manager, "url-changed");

    manager.start();
    const first = await log.waitFor(isUp);
    const mark = log.history.length;
    server.reserve(subdomain);
    server.dropTunnel(subdomain);

    const again = await log.waitFor(isUp, mark);
    const [mismatchEvent] = (await mismatch) as [
      { granted: string; url: string },
    ];
    const [changeEvent] = (await changed) as [
      { previousUrl: string; url: string },
    ];

    assert.notEqual(again.url, first.url);
    assert.equal(mismatchEvent.url, again.url);
    assert.notEqual(mismatchEvent.granted, subdomain);
    assert.deepEqual(changeEvent, { previousUrl: first.url, url: again.url });
  },
);

void test(
  "server down at start: retries with backoff",
  { timeout: 10_000 },
  async (t) => {
    const local = await startLocalListener(t);
    const server = await startTunnelServer(t);
    server.down = true;
    const { manager, log } = createManager(t, {
      localPort: local.port,
      host: server.url,
      subdomain: generateSubdomain(),
    });
    const handshakeTimes: number[] = [];
    server.on("handshake", () => handshakeTimes.push(performance.now()));

    manager.start();
    const down = await log.waitFor(isDown);
    assert.match(
      down.lastError ?? "",
      /returned HTTP 503: test server is down/,
    );
    assert.equal(down.url, null);

    await waitForHandshakes(server, 4);
    assert.ok(!log.states.includes("up"));
    // With random fixed at 0.5 the jitter is zero: 20, 40 and 80 ms.
    const gaps = handshakeTimes.slice(1, 4).map((time, i) => {
      return time - (handshakeTimes[i] ?? 0);
    });
    [20, 40, 80].forEach((expected, i) => {
      assert.ok(
        (gaps[i] ?? 0) >= expected - 2,
        `gap ${i} is ${gaps[i]} ms, expected at least ${expected} ms`,
      );
    });
    assert.deepEqual(log.states.slice(0, 4), [
      "connecting",
      "down",
      "connecting",
      "down",
    ]);

    server.down = false;
    const up = await log.waitFor(isUp);
    assert.equal(up.lastError, null);
    const response = await postJson(`${up.url}/after-outage`, "{}");
    assert.equal(response.statusCode, 202);
  },
);

void test(
  "failed health probe rebuilds the tunnel",
  { timeout: 10_000 },
  async (t) => {
    const local = await startLocalListener(t);
    // A short grace frees the old id before the rebuild requests it again.
    const server = await startTunnelServer(t, { graceMs: 10 });
    const subdomain = generateSubdomain();
    const probeTimes = [new Date("2024-05-01T10:00:00Z")];
    const { manager, log } = createManager(t, {
      localPort: local.port,
      host: server.url,
      subdomain,
      now: () => probeTimes[0] ?? new Date(0),
      timings: { probeIntervalMs: 20, initialBackoffMs: 100 },
    });

    manager.start();
    const probed = await log.waitFor((status) => status.lastProbeAt !== null);
    assert.equal(probed.lastProbeAt, "2024-05-01T10:00:00.000Z");
    assert.equal(probed.state, "up");
    const handshakesBefore = server.handshakes.length;

    probeTimes[0] = new Date("2024-05-01T10:01:00Z");
    const mark = log.history.length;
    local.healthy = false;
    const down = await log.waitFor(isDown, mark);
    local.healthy = true;

    assert.match(
      down.lastError ?? "",
      /health probe failed: .*\/health returned HTTP 503/,
    );
    assert.equal(down.lastProbeAt, "2024-05-01T10:01:00.000Z");
    const up = await log.waitFor(isUp, log.history.indexOf(down));
    assert.equal(up.url, probed.url);
    assert.equal(server.handshakes.length, handshakesBefore + 1);
    assert.equal(server.handshakes.at(-1)?.id, subdomain);
  },
);

void test(
  "open times out on a silent server",
  { timeout: 10_000 },
  async (t) => {
    const local = await startLocalListener(t);
    const acceptedSockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => acceptedSockets.add(socket));
    silent.listen(0, "127.0.0.1");
    await once(silent, "listening");
    t.after(() => {
      for (const socket of acceptedSockets) socket.destroy();
      silent.close();
    });
    const port = (silent.address() as net.AddressInfo).port;
    const { manager, log } = createManager(t, {
      localPort: local.port,
      host: `http://127.0.0.1:${port}`,
      timings: { openTimeoutMs: 100 },
    });

    manager.start();
    const down = await log.waitFor(isDown);

    assert.match(down.lastError ?? "", /timed out after 100 ms/);
    await manager.stop();
    assert.deepEqual(manager.getStatus(), {
      state: "off",
      url: null,
      lastProbeAt: null,
      lastError: null,
    });
  },
);

void test("off mode opens no tunnel", { timeout: 10_000 }, async (t) => {
  const server = await startTunnelServer(t);
  const { manager, log } = createManager(t, {
    enabled: false,
    localPort: 8080,
    host: server.url,
  });

  manager.start();
  await manager.stop();

  assert.equal(manager.getStatus().state, "off");
  assert.deepEqual(log.history, []);
  assert.equal(server.handshakes.length, 0);
});

void test(
  "restart waits out the server's grace period",
  { timeout: 10_000 },
  async (t) => {
    const local = await startLocalListener(t);
    const server = await startTunnelServer(t, { graceMs: 50 });
    const subdomain = generateSubdomain();
    const { manager, log } = createManager(t, {
      localPort: local.port,
      host: server.url,
      subdomain,
    });
    const mismatches: unknown[] = [];
    manager.on("subdomain-mismatch", (mismatch) => mismatches.push(mismatch));

    manager.start();
    const first = await log.waitFor(isUp);
    await manager.stop();
    assert.equal(manager.getStatus().state, "off");

    // The server keeps the name for 50 ms, so the first request gets
    // another id. The claim retries (after 20, 40 and 80 ms) get it back.
    const mark = log.history.length;
    const handshakesBefore = server.handshakes.length;
    manager.start();
    const up = await log.waitFor(isUp, mark);

    const restartHandshakes = server.handshakes.slice(handshakesBefore);
    assert.notEqual(restartHandshakes[0]?.id, subdomain);
    assert.equal(restartHandshakes.at(-1)?.id, subdomain);
    assert.equal(up.url, first.url);
    assert.deepEqual(mismatches, []);
    const response = await postJson(`${up.url}/after-restart`, "{}");
    assert.equal(response.statusCode, 202);
  },
);

void test("constructor rejects invalid options", () => {
  assert.throws(
    () => new TunnelManager({ enabled: true, localPort: 1, subdomain: "AB" }),
    /invalid tunnel subdomain "AB"/,
  );
  assert.throws(
    () => new TunnelManager({ enabled: true, localPort: 1, host: "ftp://x" }),
    /invalid tunnel host "ftp:\/\/x": the protocol must be http or https/,
  );
  assert.throws(
    () => new TunnelManager({ enabled: true, localPort: 0 }),
    /invalid local port 0/,
  );
});

void test(
  "logs mask the requested subdomain",
  { timeout: 10_000 },
  async (t) => {
    const local = await startLocalListener(t);
    const server = await startTunnelServer(t);
    const subdomain = generateSubdomain();
    const lines: string[] = [];
    const capture = pino(
      { level: "debug" },
      { write: (line: string) => lines.push(line) },
    );
    const { manager, log } = createManager(t, {
      localPort: local.port,
      host: server.url,
      subdomain,
      logger: capture,
    });

    manager.start();
    await log.waitFor(isUp);
    const mark = log.history.length;
    server.dropTunnel(subdomain);
    await log.waitFor(isUp, mark);
    await manager.stop();

    const text = lines.join("");
    assert.ok(lines.length >= 6, `only ${lines.length} log lines`);
    assert.ok(!text.includes(subdomain), "a log line contains the subdomain");
    assert.ok(text.includes(`${subdomain.slice(0, 4)}…`));
    assert.match(text, /"msg":"tunnel manager started"/);
    assert.match(text, /"msg":"tunnel .* lost its connection: .*; retrying"/);
    assert.match(text, /"retryInMs":20/);
    assert.match(text, /"msg":"tunnel manager stopped"/);
  },
);
