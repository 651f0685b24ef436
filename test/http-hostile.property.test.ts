import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import pino from "pino";

import { databasePath } from "../main/app/data-dir";
import {
  createWebhookServer,
  type WebhookServer,
} from "../main/http/webhook-server";
import { reprocessQuarantined } from "../main/ingest/reprocess";
import { SqliteIngestor } from "../main/ingest/sqlite-ingestor";
import { openDatabase, type Db } from "../main/store/database";
import { LEAD_EVENT_TYPES } from "../shared/lead-events";
import { loadSample, makeTempDataDir } from "./support/temp-data-dir";
import {
  rawExchange,
  send,
  type RawResponse,
  type TestResponse,
} from "./support/webhook-test-server";

const TOKEN = "hostile-test-token-0123456789";
const AUTH = { authorization: `Bearer ${TOKEN}` };
const BODY_TIMEOUT_MS = 1_000;
const MAX_BODY_BYTES = 5 * 1024 * 1024;

interface Listener {
  webhook: WebhookServer;
  port: number;
  logs: Record<string, unknown>[];
}

function capturingLogger(logs: Record<string, unknown>[]) {
  return pino(
    { level: "debug" },
    {
      write(line: string) {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
}

describe("webhook listener under hostile input", () => {
  const temp = makeTempDataDir("lead-inbox-hostile-");
  let db: Db;
  let ingestor: SqliteIngestor;
  /** Failed-auth limit set out of reach, so that header abuse never hits it. */
  let main: Listener;
  /** Default failed-auth limit, for the 429 test only. */
  let limited: Listener;

  async function startListener(
    options: { authFailureLimit?: number } = {},
  ): Promise<Listener> {
    const logs: Record<string, unknown>[] = [];
    const webhook = createWebhookServer({
      ingestor,
      getAuth: () => ({ type: "bearer", token: TOKEN }),
      getSignature: () => ({ enabled: false }),
      isReceiving: () => true,
      logger: capturingLogger(logs),
      bodyTimeoutMs: BODY_TIMEOUT_MS,
      headersTimeoutMs: 1_000,
      ...options,
    });
    const { port } = await webhook.listen(0, "127.0.0.1");
    return { webhook, port, logs };
  }

  before(async () => {
    db = openDatabase(databasePath(temp.dir));
    ingestor = new SqliteIngestor(db, { logger: pino({ level: "silent" }) });
    main = await startListener({ authFailureLimit: 1_000_000 });
    limited = await startListener();
  });
  after(async () => {
    await main.webhook.close();
    await limited.webhook.close();
    db.close();
    temp.cleanup();
  });

  /** Posts `body` with valid credentials and extra headers. */
  function post(
    body: Buffer | string,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    return send(main.port, { headers: { ...AUTH, ...headers }, body });
  }

  function storedDeliveryBody(deliveryId: number | undefined): Buffer | null {
    assert.equal(
      typeof deliveryId,
      "number",
      "2xx response without deliveryId",
    );
    const row = db
      .prepare("SELECT body FROM deliveries WHERE id = ?")
      .get(deliveryId) as { body: Buffer } | undefined;
    return row?.body ?? null;
  }

  function lastRejected(): { status_code: number; body: Buffer | null } {
    return db
      .prepare(
        "SELECT status_code, body FROM rejected_requests ORDER BY id DESC LIMIT 1",
      )
      .get() as { status_code: number; body: Buffer | null };
  }

  /**
   * The contract for an authenticated body: no 5xx, a 2xx only once the
   * exact bytes are in `deliveries`, and any other status leaves the exact
   * bytes in `rejected_requests`.
   */
  async function assertStoredOrRejected(
    body: Buffer,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    const response = await post(body, headers);
    assert.ok(
      response.status < 500,
      `responded ${response.status}: ${response.text.slice(0, 300)}`,
    );
    if (response.status >= 200 && response.status < 300) {
      const stored = storedDeliveryBody(response.json?.deliveryId);
      assert.ok(stored !== null, "acknowledged delivery not found");
      assert.ok(stored.equals(body), "stored body differs from the sent bytes");
    } else if (body.length <= MAX_BODY_BYTES) {
      const rejected = lastRejected();
      assert.equal(rejected.status_code, response.status);
      assert.ok(rejected.body?.equals(body), "rejected body not kept");
    }
    return response;
  }

  async function assertStillServing(): Promise<void> {
    const health = await send(main.port, { method: "GET", path: "/health" });
    assert.equal(health.status, 200);
  }

  it("random JSON is stored byte for byte", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        const body = Buffer.from(JSON.stringify(value), "utf8");
        const response = await assertStoredOrRejected(body);
        assert.ok(
          response.status < 300,
          `valid JSON got status ${response.status}`,
        );
      }),
      { numRuns: 60 },
    );
  });

  it("wrong types in sample fields", async () => {
    const wrongValue = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
      fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), {
        maxKeys: 5,
      }),
    );
    const samplePaths = LEAD_EVENT_TYPES.flatMap((event) =>
      pathsOf(loadSample(event)).map((path) => ({ event, path })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...samplePaths),
        wrongValue,
        async ({ event, path }, value) => {
          const payload = loadSample(event);
          setAtPath(payload, path, value);
          const body = Buffer.from(JSON.stringify(payload), "utf8");
          const response = await assertStoredOrRejected(body);
          assert.ok(response.status < 300, `got status ${response.status}`);
        },
      ),
      { numRuns: 120 },
    );
  });

  it("Unicode in candidate fields", async () => {
    const tricky = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.string({ unit: "grapheme", maxLength: 20 }),
      fc.constantFrom(
        "Jose\u0301 Nu\u0301n\u0303ez",
        "José Núñez",
        "\u202Egnp.exe",
        "\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627",
        "👩🏽‍⚕️ Dr. 🧑‍🔬",
        "\uD800",
        "a\uDFFFb",
        "\uDBFF\uDBFF",
        "\u0000nul",
        "\uFEFFbom",
      ),
    );
    const form = fc.constantFrom("NFC", "NFD", "asIs");
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LEAD_EVENT_TYPES),
        fc.constantFrom("first_name", "last_name", "email", "city", "phone"),
        tricky,
        form,
        async (event, field, text, normalization) => {
          const value =
            normalization === "asIs" ? text : text.normalize(normalization);
          const payload = loadSample(event);
          candidateOf(payload)[field] = value;
          const body = Buffer.from(JSON.stringify(payload), "utf8");
          const response = await assertStoredOrRejected(body);
          assert.ok(response.status < 300, `got status ${response.status}`);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("huge strings up to and past the body limit", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1_000_000, max: 6_000_000 }),
        fc.constantFrom("a", "é", "🩺", "\\", '"'),
        async (length, unit) => {
          const payload = loadSample("new-lead");
          candidateOf(payload).preferred_cities = unit.repeat(
            Math.ceil(length / Buffer.byteLength(unit)),
          );
          const body = Buffer.from(JSON.stringify(payload), "utf8");
          const response = await assertStoredOrRejected(body);
          if (body.length > MAX_BODY_BYTES) assert.equal(response.status, 413);
          else
            assert.ok(response.status < 300, `got status ${response.status}`);
        },
      ),
      { numRuns: 6 },
    );
    await assertStillServing();
  });

  it("100,000 levels of nesting", async () => {
    const depth = 100_000;
    const deepArray = "[".repeat(depth) + "]".repeat(depth);
    const deepObject = '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
    const sample = JSON.stringify(loadSample("real-time-lead-received"));
    const inField = sample.replace('"John"', deepArray);
    const inExtra = sample.replace(
      '"candidate":{',
      `"candidate":{"x":${deepObject},`,
    );
    const deliveryIds: number[] = [];
    for (const text of [deepArray, deepObject, inField, inExtra]) {
      const response = await assertStoredOrRejected(Buffer.from(text, "utf8"));
      assert.ok(response.status < 300, `got status ${response.status}`);
      deliveryIds.push(response.json?.deliveryId ?? -1);
    }
    await assertStillServing();

    // Reprocessing the quarantined deep bodies must not end in a throw.
    const inExtraId = deliveryIds.at(-1) ?? -1;
    const outcome = reprocessQuarantined(db, {
      deliveryId: inExtraId,
      logger: pino({ level: "silent" }),
    });
    assert.equal(outcome.stillQuarantined, 1);
  });

  it("non-JSON bodies kept in rejected_requests", async () => {
    const notJson = fc.oneof(
      fc
        .uint8Array({ minLength: 1, maxLength: 200 })
        .map((b) => Buffer.from(b)),
      fc
        .string({ minLength: 1, maxLength: 100 })
        .filter((text) => !isJson(text))
        .map((text) => Buffer.from(text, "utf8")),
    );
    await fc.assert(
      fc.asyncProperty(notJson, async (body) => {
        fc.pre(!isJsonBytes(body));
        const response = await assertStoredOrRejected(body);
        assert.equal(response.status, 400);
      }),
      { numRuns: 60 },
    );
  });

  it("odd Content-Type and Content-Encoding", async () => {
    const json = Buffer.from(JSON.stringify(loadSample("lead-unlocked")));
    const cases: { headers: Record<string, string>; body: Buffer }[] = [
      { headers: { "content-type": "text/plain" }, body: json },
      {
        headers: { "content-type": "multipart/form-data; boundary=x" },
        body: json,
      },
      {
        headers: { "content-type": "application/json; charset=latin1" },
        body: json,
      },
      { headers: { "content-type": "" }, body: json },
      { headers: { "content-encoding": "identity" }, body: json },
      { headers: { "content-encoding": "GZIP" }, body: gzipSync(json) },
      {
        headers: { "content-encoding": "gzip, identity" },
        body: gzipSync(json),
      },
      { headers: { "content-encoding": "gzip" }, body: json },
      { headers: { "content-encoding": "br" }, body: json },
      { headers: { "content-encoding": "compress" }, body: json },
      { headers: { "content-encoding": "gzip, gzip" }, body: gzipSync(json) },
      { headers: { "content-encoding": ",,," }, body: json },
    ];
    for (const { headers, body } of cases) {
      const response = await post(body, headers);
      const label = JSON.stringify(headers);
      assert.ok(
        response.status < 500,
        `${label} got status ${response.status}`,
      );
      if (response.status < 300) {
        const stored = storedDeliveryBody(response.json?.deliveryId);
        assert.ok(stored?.equals(json), `${label}: stored body differs`);
      } else {
        const rejected = lastRejected();
        assert.equal(rejected.status_code, response.status, label);
        assert.ok(rejected.body?.equals(body), `${label}: body not kept`);
      }
    }
  });

  it("header abuse gets 4xx", async () => {
    const json = JSON.stringify(loadSample("new-lead"));
    const length = Buffer.byteLength(json);
    const requestHead = (lines: string[]): string =>
      ["POST /webhook HTTP/1.1", "Host: 127.0.0.1", ...lines, "", ""].join(
        "\r\n",
      );
    const cases: {
      name: string;
      head: string;
      body?: string;
      expected?: number;
    }[] = [
      {
        name: "huge header",
        head: requestHead([
          `X-Big: ${"a".repeat(64 * 1024)}`,
          `Content-Length: ${length}`,
        ]),
        body: json,
        expected: 431,
      },
      {
        name: "duplicate Authorization, wrong first",
        head: requestHead([
          "Authorization: Bearer wrong",
          `Authorization: Bearer ${TOKEN}`,
          `Content-Length: ${length}`,
          "Connection: close",
        ]),
        body: json,
      },
      {
        name: "duplicate Authorization, right first",
        head: requestHead([
          `Authorization: Bearer ${TOKEN}`,
          "Authorization: Bearer wrong",
          `Content-Length: ${length}`,
          "Connection: close",
        ]),
        body: json,
      },
      {
        name: "bare CR in a header value",
        head: requestHead([
          `Authorization: Bearer ${TOKEN}\rX-Injected: 1`,
          `Content-Length: ${length}`,
        ]),
        body: json,
        expected: 400,
      },
      {
        name: "bare LF splitting a header",
        head: requestHead([
          `X-A: a\nAuthorization: Bearer ${TOKEN}`,
          `Content-Length: ${length}`,
        ]),
        body: json,
      },
      {
        name: "Content-Length and Transfer-Encoding",
        head: requestHead([
          `Authorization: Bearer ${TOKEN}`,
          `Content-Length: ${length}`,
          "Transfer-Encoding: chunked",
        ]),
        body: json,
        expected: 400,
      },
      {
        name: "two different Content-Length values",
        head: requestHead([
          `Authorization: Bearer ${TOKEN}`,
          `Content-Length: ${length}`,
          `Content-Length: ${length + 1}`,
        ]),
        body: json,
        expected: 400,
      },
      {
        name: "Content-Length not a number",
        head: requestHead([
          `Authorization: Bearer ${TOKEN}`,
          "Content-Length: 12abc",
        ]),
        body: json,
        expected: 400,
      },
      {
        name: "Content-Length shorter than the body",
        head: requestHead([
          `Authorization: Bearer ${TOKEN}`,
          "Content-Length: 5",
        ]),
        body: json,
        expected: 400,
      },
      {
        name: "header name with a space",
        head: requestHead([`Bad Header: 1`, `Content-Length: ${length}`]),
        body: json,
        expected: 400,
      },
    ];

    for (const { name, head, body, expected } of cases) {
      const response: RawResponse = await rawExchange(main.port, (socket) => {
        socket.write(head);
        if (body !== undefined) socket.write(body);
        // Half-closing lets the server close after its response.
        socket.end();
      }).catch((error: unknown) => {
        throw new Error(`${name}: ${String(error)}`);
      });
      assert.ok(response.status < 500, `${name} got status ${response.status}`);
      if (expected !== undefined) assert.equal(response.status, expected, name);
      if (response.status >= 200 && response.status < 300) {
        const deliveryId = response.json?.deliveryId;
        const stored = storedDeliveryBody(deliveryId);
        assert.equal(stored?.toString("utf8"), json, name);
      }
    }
    await assertStillServing();
  });

  it("Content-Length longer than the body times out with 408", async () => {
    const response = await rawExchange(main.port, (socket) => {
      socket.write(
        [
          "POST /webhook HTTP/1.1",
          "Host: 127.0.0.1",
          `Authorization: Bearer ${TOKEN}`,
          "Content-Length: 1000",
          "",
          '{"event":',
        ].join("\r\n"),
      );
    });
    assert.equal(response.status, 408);
  });

  it("slow bodies time out while others are served", async () => {
    const slowSenders = 16;
    const slow = Array.from({ length: slowSenders }, () =>
      rawExchange(main.port, (socket) => {
        socket.write(
          [
            "POST /webhook HTTP/1.1",
            "Host: 127.0.0.1",
            `Authorization: Bearer ${TOKEN}`,
            "Content-Length: 100000",
            "",
            "",
          ].join("\r\n"),
        );
        // One byte every 50 ms never finishes 100,000 bytes within the
        // body timeout; the interval stops when the server closes.
        const trickle = setInterval(() => {
          if (socket.destroyed || !socket.writable) clearInterval(trickle);
          else socket.write(" ");
        }, 50);
        socket.once("close", () => clearInterval(trickle));
      }),
    );

    const served: number[] = [];
    const started = Date.now();
    for (let index = 0; index < 10; index++) {
      const payload = loadSample("new-lead");
      candidateOf(payload).email = `slow-test-${index}@example.com`;
      const response = await post(JSON.stringify(payload));
      served.push(response.status);
    }
    const servedWithinMs = Date.now() - started;

    const slowResponses = await Promise.all(slow);
    assert.deepEqual(served, new Array<number>(10).fill(200));
    assert.ok(
      servedWithinMs < BODY_TIMEOUT_MS,
      `normal requests waited ${servedWithinMs} ms behind slow ones`,
    );
    for (const response of slowResponses) assert.equal(response.status, 408);
  });

  it("failed auth is rate-limited and logged", async () => {
    const attacker = "127.0.0.5";
    const body = JSON.stringify(loadSample("new-lead"));
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const response = await send(limited.port, {
        headers: { authorization: `Bearer wrong-${attempt}` },
        body,
        localAddress: attacker,
      });
      statuses.push(response.status);
    }
    assert.deepEqual(statuses.slice(0, 10), new Array<number>(10).fill(401));
    assert.deepEqual(statuses.slice(10), [429, 429]);

    const stillLimited = await send(limited.port, {
      headers: { authorization: "Bearer wrong-again" },
      body,
      localAddress: attacker,
    });
    assert.equal(stillLimited.status, 429);
    assert.ok(Number(stillLimited.headers["retry-after"]) > 0);

    // Valid credentials bypass the limit, so that a flood of bad requests
    // from a shared address (the tunnel) never locks LJO out.
    const rightToken = await send(limited.port, {
      headers: AUTH,
      body,
      localAddress: attacker,
    });
    assert.equal(rightToken.status, 200);

    const otherAddress = await send(limited.port, {
      headers: AUTH,
      body,
      localAddress: "127.0.0.6",
    });
    assert.equal(otherAddress.status, 200);

    const limitWarnings = limited.logs.filter(
      (entry) => entry.level === 40 && entry.remoteAddress === attacker,
    );
    assert.ok(limitWarnings.length >= 1, "the rate limit was not logged");
    const failures = db
      .prepare(
        "SELECT count(*) AS n FROM rejected_requests WHERE status_code = 401 AND remote_address = ?",
      )
      .get(attacker) as { n: number };
    assert.equal(failures.n, 10);
    assert.ok(!JSON.stringify(limited.logs).includes("wrong-1"));
  });
});

/** Lists every path to a value in `value`, objects and arrays included. */
function pathsOf(
  value: unknown,
  prefix: (string | number)[] = [],
): (string | number)[][] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => {
      const path = [...prefix, index];
      return [path, ...pathsOf(item, path)];
    });
  }
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => {
      const path = [...prefix, key];
      return [path, ...pathsOf(item, path)];
    });
  }
  return [];
}

function setAtPath(
  target: Record<string, unknown>,
  path: (string | number)[],
  value: unknown,
): void {
  let node: unknown = target;
  for (const key of path.slice(0, -1)) {
    node = (node as Record<string | number, unknown>)[key];
  }
  (node as Record<string | number, unknown>)[path.at(-1) ?? ""] = value;
}

/** Returns the candidate object of a sample: `lead` for new-lead, else `data.candidate`. */
function candidateOf(
  payload: Record<string, unknown>,
): Record<string, unknown> {
  if (payload.event === "new-lead")
    return payload.lead as Record<string, unknown>;
  const data = payload.data as Record<string, unknown>;
  return data.candidate as Record<string, unknown>;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ""));
    return text.trim() !== "";
  } catch {
    return false;
  }
}

function isJsonBytes(body: Buffer): boolean {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(body);
  return isJson(text) && Buffer.from(text, "utf8").equals(body);
}
