import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, it } from "node:test";
import * as zlib from "node:zlib";
import pino from "pino";

import { createWebhookServer } from "../main/http/webhook-server";
import { RecordingIngestor } from "./support/recording-ingestor";
import {
  bearer,
  postJson,
  rawExchange,
  send,
  startTestServer,
  TEST_TOKEN,
  type TestServer,
} from "./support/webhook-test-server";

const LEAD = {
  event: "real-time-lead-received",
  data: { candidate: { id: 1 } },
};
const LEAD_TEXT = JSON.stringify(LEAD);
const SECRET = "shared-secret";

function hmac(body: string | Buffer, secret = SECRET): Buffer {
  return createHmac("sha256", secret).update(body).digest();
}

void describe("routes", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  void it("health without auth", async () => {
    const response = await send(server.port, {
      method: "GET",
      path: "/health",
    });
    assert.equal(response.status, 200);
    assert.equal(response.text, '{"status":"ok"}');
    assert.equal(
      response.headers["content-type"],
      "application/json; charset=utf-8",
    );
  });

  void it("HEAD on health has no body", async () => {
    const response = await send(server.port, {
      method: "HEAD",
      path: "/health/",
    });
    assert.equal(response.status, 200);
    assert.equal(response.text, "");
  });

  void it("health while paused", async () => {
    server.settings.receiving = false;
    try {
      const response = await send(server.port, {
        method: "GET",
        path: "/health?x=1",
      });
      assert.equal(response.status, 200);
    } finally {
      server.settings.receiving = true;
    }
  });

  void it("POST on health is 405", async () => {
    const response = await send(server.port, { path: "/health", body: "{}" });
    assert.equal(response.status, 405);
    assert.equal(response.headers.allow, "GET, HEAD");
  });

  void it("trailing slash and query accepted", async () => {
    for (const path of [
      "/webhook/",
      "/webhook?source=ljo",
      "/webhook/?a=b&c",
    ]) {
      const response = await send(server.port, {
        path,
        headers: bearer,
        body: LEAD_TEXT,
      });
      assert.equal(response.status, 200, path);
      assert.equal(server.ingestor.deliveries.at(-1)?.path, path.split("?")[0]);
    }
  });

  void it("unknown path is 404 JSON", async () => {
    for (const path of ["/", "/webhooks", "/webhook/extra", "/WEBHOOK"]) {
      const response = await send(server.port, {
        path,
        headers: bearer,
        body: "{}",
      });
      assert.equal(response.status, 404, path);
      assert.equal(response.json?.error, "not found");
      assert.ok(Array.isArray(response.json?.details));
    }
  });

  void it("wrong method on webhook is 405", async () => {
    for (const method of ["GET", "PUT", "DELETE", "OPTIONS"]) {
      const response = await send(server.port, { method, headers: bearer });
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.allow, "POST");
      assert.equal(response.json?.error, "method not allowed");
    }
  });

  void it("malformed request line is 400 JSON", async () => {
    const response = await rawExchange(server.port, (socket) => {
      socket.write("NOT A REQUEST\r\n\r\n");
    });
    assert.equal(response.status, 400);
    assert.equal(response.json?.error, "malformed HTTP request");
  });

  void it("oversized headers are 431", async () => {
    const response = await rawExchange(server.port, (socket) => {
      socket.write(
        "POST /webhook HTTP/1.1\r\nHost: x\r\n" +
          `X-Padding: ${"a".repeat(20_000)}\r\n\r\n`,
      );
    });
    assert.equal(response.status, 431);
  });

  void it("keep-alive serves several requests", async () => {
    const request =
      "POST /webhook HTTP/1.1\r\nHost: x\r\n" +
      `Authorization: Bearer ${TEST_TOKEN}\r\n` +
      `Content-Length: ${Buffer.byteLength(LEAD_TEXT)}\r\n\r\n${LEAD_TEXT}`;
    const before = server.ingestor.deliveries.length;
    const response = await rawExchange(server.port, (socket) => {
      socket.write(
        request + request.replace("Host: x", "Host: x\r\nConnection: close"),
      );
    });
    assert.equal(response.status, 200);
    assert.equal(server.ingestor.deliveries.length, before + 2);
  });
});

void describe("delivery answers", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  void it("processed delivery is 200 with ids", async () => {
    const response = await postJson(server.port, LEAD);
    assert.equal(response.status, 200);
    const delivery = server.ingestor.deliveries.at(-1);
    assert.deepEqual(response.json, {
      status: "processed",
      deliveryId: server.ingestor.deliveries.length,
      candidateId: 100 + server.ingestor.deliveries.length,
      warnings: [],
    });
    assert.equal(delivery?.signatureValid, null);
    assert.equal(delivery?.signature, null);
    assert.equal(delivery?.receivedAt, "2025-01-02T03:04:05.000Z");
    assert.equal(typeof delivery?.startedAt, "bigint");
  });

  void it("quarantined delivery is 202 with reason", async () => {
    server.ingestor.quarantineReason = "unknown event type";
    try {
      const response = await postJson(server.port, { event: "something-new" });
      assert.equal(response.status, 202);
      assert.equal(response.json?.status, "quarantined");
      assert.equal(response.json?.reason, "unknown event type");
    } finally {
      server.ingestor.quarantineReason = null;
    }
  });

  void it("paused is 503 with Retry-After", async () => {
    server.settings.receiving = false;
    try {
      const before = server.ingestor.deliveries.length;
      const response = await postJson(server.port, LEAD);
      assert.equal(response.status, 503);
      assert.equal(response.headers["retry-after"], "60");
      assert.equal(response.json?.error, "receiving is paused");
      assert.equal(server.ingestor.deliveries.length, before);
    } finally {
      server.settings.receiving = true;
    }
  });

  void it("ingest failure is 503", async () => {
    server.ingestor.failWith = new Error(
      "SQLITE_FULL: database or disk is full",
    );
    try {
      const response = await postJson(server.port, LEAD);
      assert.equal(response.status, 503);
      assert.equal(response.headers["retry-after"], "60");
      assert.equal(response.json?.error, "delivery could not be stored");
      assert.ok(!response.text.includes("SQLITE_FULL"));
      const logged = server.logs.find(
        (line) =>
          line.level === 50 &&
          /storing the delivery failed/.test(String(line.msg)),
      );
      assert.ok(logged, "expected the ingest error in the log");
    } finally {
      server.ingestor.failWith = null;
    }
  });

  void it("headers stored with credentials masked", async () => {
    const response = await postJson(server.port, LEAD, {
      cookie: "session=abc",
      "proxy-authorization": "Basic dXNlcjpwYXNz",
      "x-t5-signature": "sha256=abcdef",
      "x-custom": "kept",
    });
    assert.equal(response.status, 200);
    const headers = server.ingestor.deliveries.at(-1)?.headers ?? {};
    assert.equal(headers.authorization, "Bearer ****");
    assert.equal(headers.cookie, "****");
    assert.equal(headers["proxy-authorization"], "Basic ****");
    assert.equal(headers["x-t5-signature"], "sha256=abcdef");
    assert.equal(headers["x-custom"], "kept");
    assert.equal(server.ingestor.deliveries.at(-1)?.signature, "sha256=abcdef");
    assert.ok(!JSON.stringify(headers).includes(TEST_TOKEN));
  });
});

void describe("signature check", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({
      signature: { enabled: true, scheme: "hmac-sha256", secret: SECRET },
    });
  });
  after(() => server.close());

  void it("valid signatures in every format", async () => {
    const digest = hmac(LEAD_TEXT);
    const formats = [
      digest.toString("hex"),
      digest.toString("hex").toUpperCase(),
      `sha256=${digest.toString("hex")}`,
      digest.toString("base64"),
      digest.toString("base64").replace(/=$/, ""),
      digest.toString("base64url"),
      `SHA256=${digest.toString("base64")}`,
    ];
    for (const signature of formats) {
      const response = await postJson(server.port, LEAD, {
        "x-t5-signature": signature,
      });
      assert.equal(response.status, 200, signature);
      assert.equal(server.ingestor.deliveries.at(-1)?.signatureValid, true);
    }
  });

  void it("signature over the decoded body", async () => {
    const response = await send(server.port, {
      headers: {
        ...bearer,
        "content-encoding": "gzip",
        "x-t5-signature": hmac(LEAD_TEXT).toString("hex"),
      },
      body: zlib.gzipSync(LEAD_TEXT),
    });
    assert.equal(response.status, 200);
  });

  void it("wrong signature recorded with body", async () => {
    const failures = server.authFailures.length;
    const response = await postJson(server.port, LEAD, {
      "x-t5-signature": hmac(LEAD_TEXT, "other-secret").toString("hex"),
    });
    assert.equal(response.status, 401);
    assert.equal(response.json?.error, "signature check failed");
    assert.ok(response.headers["www-authenticate"]);
    const recorded = server.ingestor.rejected.at(-1);
    assert.equal(recorded?.statusCode, 401);
    assert.equal(recorded?.body?.toString(), LEAD_TEXT);
    assert.equal(server.authFailures.length, failures + 1);
  });

  void it("missing or garbled signature is 401", async () => {
    const missing = await postJson(server.port, LEAD);
    assert.equal(missing.status, 401);
    assert.match(missing.json?.details?.[0] ?? "", /missing X-T5-Signature/);

    const garbled = await postJson(server.port, LEAD, {
      "x-t5-signature": "sha256=zz",
    });
    assert.equal(garbled.status, 401);
    assert.match(garbled.json?.details?.[0] ?? "", /not an HMAC-SHA256 digest/);
  });

  void it("signature checked after credentials", async () => {
    const response = await send(server.port, {
      headers: {
        authorization: "Bearer wrong",
        "x-t5-signature": hmac(LEAD_TEXT).toString("hex"),
      },
      body: LEAD_TEXT,
    });
    assert.equal(response.status, 401);
    assert.equal(response.json?.error, "authentication failed");
    assert.equal(server.ingestor.rejected.at(-1)?.body, null);
  });

  void it("empty secret is 503", async () => {
    server.settings.signature = {
      enabled: true,
      scheme: "hmac-sha256",
      secret: "",
    };
    try {
      const response = await postJson(server.port, LEAD, {
        "x-t5-signature": hmac(LEAD_TEXT, "").toString("hex"),
      });
      assert.equal(response.status, 503);
      assert.equal(
        server.ingestor.rejected.at(-1)?.body?.toString(),
        LEAD_TEXT,
      );
    } finally {
      server.settings.signature = {
        enabled: true,
        scheme: "hmac-sha256",
        secret: SECRET,
      };
    }
  });

  void it("disabled check ignores a bad signature", async () => {
    server.settings.signature = { enabled: false };
    try {
      const response = await postJson(server.port, LEAD, {
        "x-t5-signature": "junk",
      });
      assert.equal(response.status, 200);
      const delivery = server.ingestor.deliveries.at(-1);
      assert.equal(delivery?.signatureValid, null);
      assert.equal(delivery?.signature, "junk");
    } finally {
      server.settings.signature = {
        enabled: true,
        scheme: "hmac-sha256",
        secret: SECRET,
      };
    }
  });
});

void describe("graceful close", () => {
  void it("waits for a request in flight", async () => {
    const server = await startTestServer();
    const hold = server.ingestor.holdNextIngest();
    const inFlight = postJson(server.port, LEAD);
    await hold.reached;

    let closed = false;
    const closing = server.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(closed, false);
    await assert.rejects(postJson(server.port, LEAD), { code: "ECONNREFUSED" });

    hold.release();
    const response = await inFlight;
    assert.equal(response.status, 200);
    assert.equal(response.headers.connection, "close");
    await closing;
    assert.equal(closed, true);
    assert.equal(server.webhook.server.listening, false);
  });

  void it("keep-alive closed after response", async () => {
    const server = await startTestServer({
      keepAliveTimeoutMs: 60_000,
      closeTimeoutMs: 2_000,
    });
    const hold = server.ingestor.holdNextIngest();
    const exchange = rawExchange(server.port, (socket) => {
      socket.write(
        "POST /webhook HTTP/1.1\r\nHost: x\r\n" +
          `Authorization: Bearer ${TEST_TOKEN}\r\n` +
          `Content-Length: ${Buffer.byteLength(LEAD_TEXT)}\r\n\r\n${LEAD_TEXT}`,
      );
    });
    await hold.reached;

    const closing = server.close();
    hold.release();
    const response = await exchange;
    await closing;
    assert.equal(response.status, 200);
    assert.equal(response.headers.connection, "close");
    const dropped = server.logs.find((line) =>
      /close timeout passed/.test(String(line.msg)),
    );
    assert.equal(dropped, undefined);
  });

  void it("drops requests after the close timeout", async () => {
    const server = await startTestServer({ closeTimeoutMs: 100 });
    const hold = server.ingestor.holdNextIngest();
    const outcome = postJson(server.port, LEAD).then(
      (response) => response.status,
      (error: Error) => error.message,
    );
    await hold.reached;

    await server.close();
    assert.equal(await outcome, "socket hang up");
    const warning = server.logs.find((line) =>
      /close timeout passed/.test(String(line.msg)),
    );
    assert.ok(warning, "expected a warning about dropped requests");
    hold.release();
  });

  void it("close twice shares one promise", async () => {
    const server = await startTestServer();
    const first = server.close();
    const second = server.close();
    assert.equal(first, second);
    await first;
  });

  void it("busy port rejects listen", async () => {
    const server = await startTestServer();
    const other = createWebhookServer({
      ingestor: new RecordingIngestor(),
      getAuth: () => ({ type: "bearer", token: TEST_TOKEN }),
      getSignature: () => ({ enabled: false }),
      isReceiving: () => true,
      logger: pino({ level: "silent" }),
    });
    try {
      await assert.rejects(
        other.listen(server.port, "127.0.0.1"),
        /could not listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)\. Another program uses port/,
      );
    } finally {
      await other.close();
      await server.close();
    }
  });
});
