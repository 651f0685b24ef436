import assert from "node:assert/strict";
import { isUtf8 } from "node:buffer";
import { once } from "node:events";
import net from "node:net";
import { after, before, describe, it } from "node:test";
import * as zlib from "node:zlib";
import fc from "fast-check";

import { findInvalidUtf8Offset } from "../main/http/json-body";
import {
  bearer,
  rawExchange,
  send,
  startTestServer,
  TEST_TOKEN,
  writeChunked,
  type TestServer,
} from "./support/webhook-test-server";

const LEAD = { event: "lead-unlocked", data: { candidate: { id: 7 } } };
const LEAD_TEXT = JSON.stringify(LEAD);
const MB = 1024 * 1024;

void describe("webhook bodies", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  function post(body: string | Buffer, headers: Record<string, string> = {}) {
    return send(server.port, { headers: { ...bearer, ...headers }, body });
  }

  void it("JSON with charset parameter", async () => {
    const response = await post(LEAD_TEXT, {
      "content-type": "application/json; charset=utf-8",
    });
    assert.equal(response.status, 200);
    const delivery = server.ingestor.deliveries.at(-1);
    assert.deepEqual(delivery?.json, LEAD);
    assert.equal(delivery?.body.toString("utf8"), LEAD_TEXT);
    assert.equal(delivery?.method, "POST");
    assert.equal(delivery?.path, "/webhook");
    assert.equal(delivery?.remoteAddress, "127.0.0.1");
  });

  void it("text/plain and missing Content-Type", async () => {
    const plain = await post(LEAD_TEXT, { "content-type": "text/plain" });
    assert.equal(plain.status, 200);
    const none = await post(LEAD_TEXT);
    assert.equal(none.status, 200);
  });

  void it("leading BOM stripped", async () => {
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(LEAD_TEXT),
    ]);
    const response = await post(body, { "content-type": "application/json" });
    assert.equal(response.status, 200);
    const delivery = server.ingestor.deliveries.at(-1);
    assert.equal(delivery?.body.toString("utf8"), LEAD_TEXT);
    assert.deepEqual(delivery?.json, LEAD);
  });

  void it("empty body is 400", async () => {
    const response = await post("");
    assert.equal(response.status, 400);
    assert.equal(response.json?.error, "request body is empty");
    assert.ok((response.json?.details?.length ?? 0) > 0);
  });

  void it("truncated JSON is 400 and recorded", async () => {
    const truncated = LEAD_TEXT.slice(0, 20);
    const response = await post(truncated);
    assert.equal(response.status, 400);
    assert.equal(response.json?.error, "request body is not valid JSON");
    assert.match(response.json?.details?.[0] ?? "", /JSON/);

    const recorded = server.ingestor.rejected.at(-1);
    assert.equal(recorded?.statusCode, 400);
    assert.equal(recorded?.body?.toString("utf8"), truncated);
    assert.match(recorded?.error ?? "", /not valid JSON/);
  });

  void it("body excerpt kept out of logs", async () => {
    const response = await post("jane.doe@example.com");
    assert.equal(response.status, 400);
    assert.match(response.json?.details?.[0] ?? "", /jane\.doe@example\.com/);
    assert.ok(!JSON.stringify(server.logs).includes("jane.doe@example.com"));
  });

  void it("long body excerpt kept out of logs", async () => {
    // V8 shortens the quoted input of a long body and adds "..." after it.
    const response = await post('{"a":jane.doe@example.com, "padding": 1}');
    assert.equal(response.status, 400);
    assert.ok(!JSON.stringify(server.logs).includes("jane.doe@e"));
  });

  void it("invalid JSON details give the position", async () => {
    const response = await post('{"event": "new-lead",, }');
    assert.equal(response.status, 400);
    assert.match(response.json?.details?.[0] ?? "", /position \d+/);
  });

  void it("invalid UTF-8 is 400 with offset", async () => {
    const body = Buffer.concat([
      Buffer.from('{"event":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const response = await post(body);
    assert.equal(response.status, 400);
    assert.equal(response.json?.error, "request body is not valid UTF-8");
    assert.match(response.json?.details?.[0] ?? "", /at byte 10/);
    assert.deepEqual(server.ingestor.rejected.at(-1)?.body, body);
  });

  void it("gzip and x-gzip decoded", async () => {
    for (const encoding of ["gzip", "x-gzip", "GZIP"]) {
      const response = await post(zlib.gzipSync(LEAD_TEXT), {
        "content-encoding": encoding,
      });
      assert.equal(response.status, 200, encoding);
      assert.deepEqual(server.ingestor.deliveries.at(-1)?.json, LEAD, encoding);
    }
  });

  void it("deflate zlib and raw decoded", async () => {
    for (const body of [
      zlib.deflateSync(LEAD_TEXT),
      zlib.deflateRawSync(LEAD_TEXT),
    ]) {
      const response = await post(body, { "content-encoding": "deflate" });
      assert.equal(response.status, 200);
      assert.deepEqual(server.ingestor.deliveries.at(-1)?.json, LEAD);
    }
  });

  void it("identity encoding accepted", async () => {
    const response = await post(LEAD_TEXT, { "content-encoding": "identity" });
    assert.equal(response.status, 200);
  });

  void it("unknown encoding is 415", async () => {
    const response = await post(LEAD_TEXT, { "content-encoding": "br" });
    assert.equal(response.status, 415);
    assert.match(response.json?.details?.[0] ?? "", /"br" is not supported/);
    assert.equal(server.ingestor.rejected.at(-1)?.body?.toString(), LEAD_TEXT);
  });

  void it("corrupt gzip is 400", async () => {
    const response = await post(zlib.gzipSync(LEAD_TEXT).subarray(0, 15), {
      "content-encoding": "gzip",
    });
    assert.equal(response.status, 400);
    assert.equal(
      response.json?.error,
      "request body could not be decompressed",
    );
  });

  void it("gzip bomb is 413", async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * MB, 0x20));
    assert.ok(bomb.length < 200 * 1024);
    const response = await post(bomb, { "content-encoding": "gzip" });
    assert.equal(response.status, 413);
    assert.match(
      response.json?.details?.[0] ?? "",
      /decompressed body exceeds/,
    );
    assert.equal(server.ingestor.rejected.at(-1)?.body, null);
  });

  void it("6 MB by Content-Length is 413", async () => {
    // Only the headers are sent: the response must arrive before any body.
    const response = await rawExchange(server.port, (socket) => {
      socket.write(
        "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
          `Authorization: Bearer ${TEST_TOKEN}\r\n` +
          `Content-Length: ${6 * MB}\r\n\r\n`,
      );
    });
    assert.equal(response.status, 413);
    assert.equal(response.headers.connection, "close");
    assert.match(
      response.json?.details?.[0] ?? "",
      /Content-Length 6291456 exceeds/,
    );
  });

  void it("6 MB chunked is 413", async () => {
    const response = await rawExchange(server.port, async (socket) => {
      socket.write(
        "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
          `Authorization: Bearer ${TEST_TOKEN}\r\n` +
          "Transfer-Encoding: chunked\r\n\r\n",
      );
      await writeChunked(socket, 6 * MB);
    });
    assert.equal(response.status, 413);
    assert.equal(response.headers.connection, "close");
    assert.match(
      response.json?.details?.[0] ?? "",
      /body exceeds the limit of 5242880/,
    );
  });

  void it("Expect 100-continue with a wrong token", async () => {
    const response = await rawExchange(server.port, (socket) => {
      socket.write(
        "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
          "Authorization: Bearer wrong\r\nExpect: 100-continue\r\n" +
          "Content-Length: 10\r\nConnection: close\r\n\r\n",
      );
    });
    // No 100 Continue precedes the 401, so the body was never requested.
    assert.equal(response.status, 401);
  });

  void it("Expect 100-continue accepted", async () => {
    const response = await send(server.port, {
      headers: { ...bearer, expect: "100-continue" },
      body: LEAD_TEXT,
    });
    assert.equal(response.status, 200);
  });
});

void describe("arbitrary input", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ authFailureLimit: 100_000 });
  });
  after(() => server.close());

  void it("random bodies never 5xx", async () => {
    const encodings = [undefined, "gzip", "deflate", "br", "gzip, deflate"];
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom(...encodings),
        async (bytes, encoding) => {
          const headers: Record<string, string> = { ...bearer };
          if (encoding !== undefined) headers["content-encoding"] = encoding;
          const response = await send(server.port, {
            headers,
            body: Buffer.from(bytes),
          });
          assert.ok(
            [200, 400, 415].includes(response.status),
            String(response.status),
          );
          assert.equal(
            typeof (response.json?.error ?? response.json?.status),
            "string",
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  void it("random Authorization never 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({
          // Printable latin1, the bytes a client may put in a header value.
          unit: fc
            .integer({ min: 0x20, max: 0xff })
            .filter((code) => code !== 0x7f)
            .map((code) => String.fromCharCode(code)),
          maxLength: 60,
        }),
        async (authorization) => {
          const response = await send(server.port, {
            headers: { authorization },
            body: "{}",
          });
          assert.equal(response.status, 401, JSON.stringify(authorization));
          assert.ok(response.headers["www-authenticate"]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

void describe("slow bodies", () => {
  void it("body timeout is 408", async () => {
    const server = await startTestServer({ bodyTimeoutMs: 150 });
    try {
      const response = await rawExchange(server.port, (socket) => {
        socket.write(
          "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
            `Authorization: Bearer ${TEST_TOKEN}\r\n` +
            'Content-Length: 100\r\n\r\n{"event":',
        );
      });
      assert.equal(response.status, 408);
      assert.equal(response.json?.error, "request body timed out");
      assert.equal(server.ingestor.rejected.at(-1)?.statusCode, 408);

      // The server still serves other requests afterwards.
      const next = await send(server.port, {
        headers: bearer,
        body: LEAD_TEXT,
      });
      assert.equal(next.status, 200);
    } finally {
      await server.close();
    }
  });

  void it("headers timeout is 408", async () => {
    const server = await startTestServer({ headersTimeoutMs: 100 });
    try {
      const response = await rawExchange(server.port, (socket) => {
        socket.write("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      });
      assert.equal(response.status, 408);
      assert.equal(response.json?.error, "request headers or body timed out");
    } finally {
      await server.close();
    }
  });
});

void describe("idle connections", () => {
  void it("idle connection closes without a response", async () => {
    // The localtunnel client keeps connections open before any request, and
    // a 408 written into one would reach the next public request.
    const server = await startTestServer({ headersTimeoutMs: 100 });
    try {
      const socket = net.connect(server.port, "127.0.0.1");
      let received = 0;
      socket.on("data", (chunk: Buffer) => {
        received += chunk.length;
      });
      await once(socket, "close");
      assert.equal(received, 0);
    } finally {
      await server.close();
    }
  });
});

void describe("findInvalidUtf8Offset", () => {
  void it("agrees with isUtf8", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        assert.equal(findInvalidUtf8Offset(buffer) === -1, isUtf8(buffer));
      }),
      { numRuns: 5000 },
    );
  });

  void it("valid text has no offset", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        assert.equal(findInvalidUtf8Offset(Buffer.from(text, "utf8")), -1);
      }),
    );
  });

  void it("points at the bad sequence", () => {
    const cases: [number[], number][] = [
      [[0x61, 0x80], 1],
      [[0xc0, 0xaf], 0],
      [[0xe0, 0x80, 0xaf], 0],
      [[0x61, 0xed, 0xa0, 0x80], 1],
      [[0xf4, 0x90, 0x80, 0x80], 0],
      [[0x61, 0x62, 0xe2, 0x82], 2],
    ];
    for (const [bytes, offset] of cases) {
      assert.equal(
        findInvalidUtf8Offset(Buffer.from(bytes)),
        offset,
        String(bytes),
      );
    }
  });
});
