import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { checkAuthorization } from "../main/http/authorization";
import type { AuthConfig } from "../main/http/webhook-config";
import {
  send,
  startTestServer,
  TEST_TOKEN,
  type TestServer,
} from "./support/webhook-test-server";

const BEARER: AuthConfig = { type: "bearer", token: TEST_TOKEN };
const BASIC: AuthConfig = {
  type: "basic",
  user: "José",
  password: "pa:ss:wörd",
};
const LEAD = JSON.stringify({ event: "new-lead", data: {} });

function basicHeader(userAndPassword: string): string {
  return `Basic ${Buffer.from(userAndPassword, "utf8").toString("base64")}`;
}

void describe("checkAuthorization", () => {
  const cases: {
    name: string;
    header: string | undefined;
    config: AuthConfig;
    ok: boolean;
    reason?: RegExp;
  }[] = [
    {
      name: "bearer ok",
      header: `Bearer ${TEST_TOKEN}`,
      config: BEARER,
      ok: true,
    },
    {
      name: "bearer lowercase scheme",
      header: `bearer ${TEST_TOKEN}`,
      config: BEARER,
      ok: true,
    },
    {
      name: "bearer extra spaces",
      header: `  Bearer   ${TEST_TOKEN}  `,
      config: BEARER,
      ok: true,
    },
    {
      name: "bearer tab separator",
      header: `Bearer\t${TEST_TOKEN}`,
      config: BEARER,
      ok: true,
    },
    {
      name: "bearer wrong token",
      header: "Bearer nope",
      config: BEARER,
      ok: false,
      reason: /invalid bearer token/,
    },
    {
      name: "bearer token prefix",
      header: `Bearer ${TEST_TOKEN.slice(0, -1)}`,
      config: BEARER,
      ok: false,
      reason: /invalid bearer token/,
    },
    {
      name: "bearer missing",
      header: undefined,
      config: BEARER,
      ok: false,
      reason: /missing Authorization/,
    },
    {
      name: "bearer empty",
      header: "",
      config: BEARER,
      ok: false,
      reason: /missing Authorization/,
    },
    {
      name: "bearer no scheme",
      header: TEST_TOKEN,
      config: BEARER,
      ok: false,
      reason: /malformed/,
    },
    {
      name: "bearer scheme only",
      header: "Bearer",
      config: BEARER,
      ok: false,
      reason: /malformed/,
    },
    {
      name: "bearer scheme and spaces",
      header: "Bearer    ",
      config: BEARER,
      ok: false,
      reason: /malformed/,
    },
    {
      name: "bearer wrong scheme",
      header: basicHeader("a:b"),
      config: BEARER,
      ok: false,
      reason: /scheme "Basic" is not accepted/,
    },
    {
      name: "bearer non-ASCII junk",
      header: "B\u00e9arer \u00ff\u00fe",
      config: BEARER,
      ok: false,
      reason: /malformed/,
    },
    {
      name: "bearer latin1 token",
      header: "Bearer \u00ff\u00fe",
      config: BEARER,
      ok: false,
      reason: /invalid bearer token/,
    },
    {
      name: "basic ok with colon in password",
      header: basicHeader("José:pa:ss:wörd"),
      config: BASIC,
      ok: true,
    },
    {
      name: "basic lowercase scheme",
      header: basicHeader("José:pa:ss:wörd").replace("Basic", "bASIC"),
      config: BASIC,
      ok: true,
    },
    {
      name: "basic decomposed user",
      header: basicHeader("Jose\u0301:pa:ss:wörd"),
      config: BASIC,
      ok: true,
    },
    {
      name: "basic wrong password",
      header: basicHeader("José:pa:ss"),
      config: BASIC,
      ok: false,
      reason: /invalid Basic user name or password/,
    },
    {
      name: "basic wrong user",
      header: basicHeader("Jose:pa:ss:wörd"),
      config: BASIC,
      ok: false,
      reason: /invalid Basic user name or password/,
    },
    {
      name: "basic no colon",
      header: basicHeader("José"),
      config: BASIC,
      ok: false,
      reason: /no colon/,
    },
    {
      name: "basic bad base64",
      header: "Basic !!!notbase64",
      config: BASIC,
      ok: false,
      reason: /not valid base64/,
    },
    {
      name: "basic bad padding",
      header: "Basic YWJj=",
      config: BASIC,
      ok: false,
      reason: /not valid base64/,
    },
    {
      name: "basic invalid UTF-8",
      header: `Basic ${Buffer.from([0x61, 0x3a, 0xff]).toString("base64")}`,
      config: BASIC,
      ok: false,
      reason: /not valid UTF-8/,
    },
    {
      name: "basic bearer scheme",
      header: `Bearer ${TEST_TOKEN}`,
      config: BASIC,
      ok: false,
      reason: /scheme "Bearer"/,
    },
    {
      name: "none accepts missing header",
      header: undefined,
      config: { type: "none" },
      ok: true,
    },
    {
      name: "empty configured token",
      header: "Bearer x",
      config: { type: "bearer", token: "" },
      ok: false,
      reason: /no bearer token is configured/,
    },
  ];

  for (const testCase of cases) {
    void it(testCase.name, () => {
      const check = checkAuthorization(testCase.header, testCase.config);
      assert.equal(check.ok, testCase.ok);
      if (!check.ok && testCase.reason !== undefined) {
        assert.match(check.reason, testCase.reason);
      }
    });
  }

  void it("unpadded base64 accepted", () => {
    const encoded = Buffer.from("José:pa:ss:wörd").toString("base64");
    const check = checkAuthorization(
      `Basic ${encoded.replace(/=+$/, "")}`,
      BASIC,
    );
    assert.equal(check.ok, true);
  });
});

void describe("webhook auth over HTTP", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ authFailureLimit: 1000 });
  });
  after(() => server.close());

  void it("bearer token accepted", async () => {
    const response = await send(server.port, {
      headers: { authorization: `bearer   ${TEST_TOKEN}` },
      body: LEAD,
    });
    assert.equal(response.status, 200);
    assert.equal(response.json?.status, "processed");
  });

  void it("wrong token is 401 with challenge", async () => {
    const before = server.ingestor.rejected.length;
    const response = await send(server.port, {
      headers: { authorization: "Bearer wrong" },
      body: LEAD,
    });
    assert.equal(response.status, 401);
    assert.equal(
      response.headers["www-authenticate"],
      'Bearer realm="Locum Lead Inbox"',
    );
    assert.equal(response.json?.error, "authentication failed");
    assert.deepEqual(response.json?.details, ["invalid bearer token"]);

    const recorded = server.ingestor.rejected.at(-1);
    assert.equal(server.ingestor.rejected.length, before + 1);
    assert.equal(recorded?.statusCode, 401);
    assert.equal(recorded?.body, null);
    assert.equal(recorded?.headers.authorization, "Bearer ****");
    assert.deepEqual(server.authFailures.at(-1), {
      remoteAddress: "127.0.0.1",
      reason: "invalid bearer token",
    });
  });

  void it("missing header is 401", async () => {
    const response = await send(server.port, { body: LEAD });
    assert.equal(response.status, 401);
    assert.match(
      response.json?.details?.[0] ?? "",
      /missing Authorization header/,
    );
    assert.ok(response.headers["www-authenticate"]);
  });

  void it("malformed headers never 500", async () => {
    const headers = [
      "Bearer",
      "Basic",
      "Basic !!!",
      "\u00ff\u00fe\u00fd",
      "Bearer \u00e9\u00e8",
      "=",
      ",,,",
    ];
    for (const authorization of headers) {
      const response = await send(server.port, {
        headers: { authorization },
        body: LEAD,
      });
      assert.equal(response.status, 401, `Authorization: ${authorization}`);
      assert.ok(response.headers["www-authenticate"], authorization);
    }
  });

  void it("basic auth with UTF-8 user", async () => {
    server.settings.auth = BASIC;
    try {
      const ok = await send(server.port, {
        headers: { authorization: basicHeader("José:pa:ss:wörd") },
        body: LEAD,
      });
      assert.equal(ok.status, 200);

      const wrong = await send(server.port, {
        headers: { authorization: basicHeader("José:nope") },
        body: LEAD,
      });
      assert.equal(wrong.status, 401);
      assert.equal(
        wrong.headers["www-authenticate"],
        'Basic realm="Locum Lead Inbox", charset="UTF-8"',
      );
    } finally {
      server.settings.auth = { type: "bearer", token: TEST_TOKEN };
    }
  });

  void it("credential change applies at once", async () => {
    server.settings.auth = { type: "bearer", token: "rotated-token" };
    try {
      const old = await send(server.port, {
        headers: { authorization: `Bearer ${TEST_TOKEN}` },
        body: LEAD,
      });
      assert.equal(old.status, 401);
      const rotated = await send(server.port, {
        headers: { authorization: "Bearer rotated-token" },
        body: LEAD,
      });
      assert.equal(rotated.status, 200);
    } finally {
      server.settings.auth = { type: "bearer", token: TEST_TOKEN };
    }
  });

  void it("token never reaches the log", () => {
    const text = JSON.stringify(server.logs);
    assert.ok(!text.includes(TEST_TOKEN));
    assert.ok(!text.includes("rotated-token"));
  });
});

void describe("auth type none", () => {
  void it("accepts and warns at start", async () => {
    const server = await startTestServer({ auth: { type: "none" } });
    try {
      const warning = server.logs.find(
        (line) => line.level === 40 && /auth is off/.test(String(line.msg)),
      );
      assert.ok(warning, "expected a warning that the endpoint is open");

      const response = await send(server.port, { body: LEAD });
      assert.equal(response.status, 200);
    } finally {
      await server.close();
    }
  });
});

void describe("auth failure rate limit", () => {
  void it("429 after the limit, per address", async () => {
    const server = await startTestServer({
      authFailureLimit: 3,
      authFailureWindowMs: 60_000,
    });
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const response = await send(server.port, {
          headers: { authorization: "Bearer wrong" },
          body: LEAD,
        });
        assert.equal(response.status, 401);
      }
      assert.equal(server.authFailures.length, 3);

      // Another address authenticating does not reset the first one.
      const other = await send(server.port, {
        headers: { authorization: `Bearer ${TEST_TOKEN}` },
        body: LEAD,
        localAddress: "127.0.0.2",
      });
      assert.equal(other.status, 200);

      // Correct credentials pass while the address is limited, because
      // every sender behind the tunnel shares one address.
      server.clock.now += 10_000;
      const valid = await send(server.port, {
        headers: { authorization: `Bearer ${TEST_TOKEN}` },
        body: LEAD,
      });
      assert.equal(valid.status, 200);

      const limited = await send(server.port, {
        headers: { authorization: "Bearer wrong-again" },
        body: LEAD,
      });
      assert.equal(limited.status, 429);
      assert.equal(limited.headers["retry-after"], "50");
      assert.equal(
        limited.json?.error,
        "too many failed authentication attempts",
      );
      assert.equal(server.authFailures.length, 3);

      const stillLimited = await send(server.port, {
        headers: { authorization: "Bearer wrong" },
        body: LEAD,
      });
      assert.equal(stillLimited.status, 429);

      const warnings = server.logs.filter(
        (line) =>
          line.level === 40 && /too many failed auth/.test(String(line.msg)),
      );
      assert.equal(warnings.length, 1);

      // After the window a failed attempt is checked again, and the limit's
      // 429 count is logged.
      server.clock.now += 60_000;
      const afterWindow = await send(server.port, {
        headers: { authorization: "Bearer wrong" },
        body: LEAD,
      });
      assert.equal(afterWindow.status, 401);
      const summary = server.logs.find((line) => line.rejected === 2);
      assert.ok(summary, "expected a summary of the 429 answers");
    } finally {
      await server.close();
    }
  });

  void it("failures outside window not counted", async () => {
    const server = await startTestServer({
      authFailureLimit: 2,
      authFailureWindowMs: 1_000,
    });
    try {
      const wrong = { headers: { authorization: "Bearer wrong" }, body: LEAD };
      assert.equal((await send(server.port, wrong)).status, 401);
      server.clock.now += 1_000;
      assert.equal((await send(server.port, wrong)).status, 401);
      server.clock.now += 1_000;
      assert.equal((await send(server.port, wrong)).status, 401);
    } finally {
      await server.close();
    }
  });
});
