import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { API_METHODS, leadReceivedSchema } from "../shared/contract";
import {
  createAdminServer,
  generateUiToken,
  type AdminPush,
  type AdminServer,
} from "../main/admin/admin-server";
import { CONTENT_SECURITY_POLICY } from "../main/admin/security-headers";
import { NotFoundError } from "../main/api/errors";
import type { Db } from "../main/store/database";
import {
  handlersFor,
  openTempDatabase,
  silentLogger,
  sampleStatus,
  stubServices,
} from "./support/api-test-kit";
import { EventStreamReader, sendRaw } from "./support/http-client";
import { insertCandidate } from "./support/seed-rows";

const status = sampleStatus({ candidateCount: 1 });

const INDEX_HTML =
  "<!doctype html><title>Inbox</title><script src=/assets/app.js></script>";

describe("admin server", () => {
  let database: { db: Db; cleanup: () => void };
  let root: string;
  let server: AdminServer;
  let port: number;
  let token: string;
  let pushToServer: ((push: AdminPush) => void) | null = null;
  let unsubscribed = false;

  before(async () => {
    database = openTempDatabase();
    insertCandidate(database.db, { firstName: "Ida", lastName: "Lee" });

    // The build sits one folder below a file that must never be served.
    root = mkdtempSync(join(tmpdir(), "lead-inbox-admin-"));
    const staticDir = join(root, "renderer");
    mkdirSync(join(staticDir, "assets"), { recursive: true });
    writeFileSync(join(staticDir, "index.html"), INDEX_HTML);
    writeFileSync(join(staticDir, "assets", "app.js"), "console.log('inbox');");
    writeFileSync(join(staticDir, ".env"), "SECRET=dotfile");
    writeFileSync(join(root, "secret.txt"), "SECRET=outside");

    token = generateUiToken();
    const services = stubServices({
      getStatus: () => status,
      readExportFile: (id, fileIndex) => {
        if (id !== 4 || fileIndex !== 0) {
          throw new NotFoundError(
            `Export ${id} has no file number ${fileIndex + 1}.`,
          );
        }
        return {
          fileName: "bullhorn 2024-05-01 é.csv",
          content: "first_name\r\nIda\r\n",
        };
      },
    });
    server = createAdminServer({
      handlers: handlersFor(database.db, services),
      staticDir,
      token,
      logger: silentLogger,
      heartbeatMs: 20,
      subscribe: (listener) => {
        pushToServer = listener;
        return () => {
          unsubscribed = true;
        };
      },
    });
    ({ port } = await server.listen(0));
  });

  after(async () => {
    await server.close();
    assert.equal(unsubscribed, true, "close unsubscribes");
    database.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  function callApi(
    method: string,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    return sendRaw(port, {
      method: "POST",
      path: `/api/${method}`,
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        ...headers,
      },
      body: JSON.stringify(body),
    });
  }

  it("generates distinct URL-safe tokens", () => {
    const other = generateUiToken();
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(other, token);
  });

  it("answers an API call with its result", async () => {
    const response = await callApi("listCandidates", { limit: 10 });
    assert.equal(response.status, 200);
    assert.equal(response.headers["cache-control"], "no-store");
    const result = JSON.parse(response.body) as { ok: boolean; value: unknown };
    assert.equal(result.ok, true);
    const page = API_METHODS.listCandidates.response.parse(result.value);
    assert.equal(page.total, 1);
  });

  it("returns error results with status 200", async () => {
    const response = await callApi("getCandidate", { id: "one" });
    assert.equal(response.status, 200);
    const result = JSON.parse(response.body) as {
      ok: boolean;
      error: { code: string };
    };
    assert.equal(result.ok, false);
    assert.equal(result.error.code, "invalid_request");
  });

  it("requires the token", async () => {
    const missing = await callApi("getStatus", {}, { authorization: "" });
    assert.equal(missing.status, 401);
    assert.match(missing.body, /Missing or wrong UI token/);
    const wrong = await callApi(
      "getStatus",
      {},
      { authorization: `Bearer ${token}x` },
    );
    assert.equal(wrong.status, 401);
    const basic = await callApi(
      "getStatus",
      {},
      { authorization: `Basic ${token}` },
    );
    assert.equal(basic.status, 401);
  });

  it("answers 404 for an unknown method", async () => {
    for (const method of [
      "deleteEverything",
      "__proto__",
      "constructor",
      "",
      "a/b",
    ]) {
      const response = await callApi(method, {});
      assert.equal(response.status, 404, `method "${method}"`);
    }
  });

  it("answers 400 for invalid JSON", async () => {
    const response = await sendRaw(port, {
      method: "POST",
      path: "/api/getStatus",
      headers: { authorization: `Bearer ${token}` },
      body: "{not json",
    });
    assert.equal(response.status, 400);
    assert.match(response.body, /not valid JSON/);
  });

  it("answers 413 for a declared body over 6 MB", async () => {
    const response = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/importMappingsCsv",
          headers: {
            host: `127.0.0.1:${port}`,
            authorization: `Bearer ${token}`,
            "content-length": String(6 * 1024 * 1024 + 1),
          },
        },
        (answer) => {
          answer.resume();
          resolve(answer.statusCode ?? 0);
          request.destroy();
        },
      );
      request.on("error", reject);
      request.write("{");
    });
    assert.equal(response, 413);
  });

  it("answers 413 for a streamed body over 6 MB", async () => {
    const response = await sendRaw(port, {
      method: "POST",
      path: "/api/importMappingsCsv",
      headers: {
        authorization: `Bearer ${token}`,
        "transfer-encoding": "chunked",
      },
      body: Buffer.alloc(6 * 1024 * 1024 + 10, 0x20),
    }).catch((error: NodeJS.ErrnoException) => error);
    // The server may close the socket before the client finishes sending.
    if (response instanceof Error) {
      assert.match(response.code ?? "", /ECONNRESET|EPIPE/);
    } else {
      assert.equal(response.status, 413);
    }
  });

  it("rejects a foreign Host header", async () => {
    for (const host of [
      "evil.example",
      `evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      "127.0.0.1",
    ]) {
      const response = await sendRaw(port, { path: "/", headers: { host } });
      assert.equal(response.status, 421, `host ${host}`);
      assert.equal(response.body.includes("Inbox"), false);
    }
  });

  it("accepts loopback Host names", async () => {
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `LOCALHOST:${port}`,
      `[::1]:${port}`,
    ]) {
      const response = await sendRaw(port, { path: "/", headers: { host } });
      assert.equal(response.status, 200, `host ${host}`);
    }
  });

  it("rejects cross-origin POSTs", async () => {
    for (const origin of [
      "http://evil.example",
      "null",
      `http://localhost:${port}`,
    ]) {
      const response = await callApi("getStatus", {}, { origin });
      assert.equal(response.status, 403, `origin ${origin}`);
    }
    const same = await callApi(
      "getStatus",
      {},
      { origin: `http://127.0.0.1:${port}` },
    );
    assert.equal(same.status, 200);
  });

  it("sends the CSP and security headers", async () => {
    const response = await sendRaw(port, { path: "/" });
    assert.equal(
      response.headers["content-security-policy"],
      CONTENT_SECURITY_POLICY,
    );
    assert.match(
      CONTENT_SECURITY_POLICY,
      /^default-src 'none'; script-src 'self';/,
    );
    assert.equal(response.headers["x-content-type-options"], "nosniff");
    assert.equal(response.headers["referrer-policy"], "no-referrer");
    assert.equal(response.headers["content-type"], "text/html; charset=utf-8");
    assert.equal(response.body, INDEX_HTML);
  });

  it("serves assets with their content type", async () => {
    const response = await sendRaw(port, { path: "/assets/app.js" });
    assert.equal(response.status, 200);
    assert.equal(
      response.headers["content-type"],
      "text/javascript; charset=utf-8",
    );
    assert.equal(response.body, "console.log('inbox');");
  });

  it("falls back to index.html for app routes", async () => {
    for (const path of [
      "/candidates/12",
      "/settings?tab=auth",
      "/missing.png",
    ]) {
      const response = await sendRaw(port, { path });
      assert.equal(response.status, 200, path);
      assert.equal(response.body, INDEX_HTML, path);
    }
  });

  it("blocks path traversal and dotfiles", async () => {
    const paths = [
      "/../secret.txt",
      "/%2e%2e/secret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/..%5csecret.txt",
      "/assets/%2e%2e/%2e%2e/secret.txt",
      "/.env",
      "/%00index.html",
      "/%E0%A4%A",
    ];
    for (const path of paths) {
      const response = await sendRaw(port, { path });
      assert.equal(response.body.includes("SECRET"), false, path);
    }
  });

  it("rejects other methods on static paths", async () => {
    const response = await sendRaw(port, {
      method: "PUT",
      path: "/index.html",
    });
    assert.equal(response.status, 405);
  });

  it("streams leads and status as server-sent events", async () => {
    const stream = await EventStreamReader.open(
      port,
      `/api/events?token=${token}`,
    );
    try {
      assert.equal(stream.status, 200);
      assert.equal(
        stream.headers["content-type"],
        "text/event-stream; charset=utf-8",
      );
      await stream.waitFor(/event: status\ndata: .*\n\n/);

      pushToServer?.({
        type: "lead",
        lead: {
          deliveryId: 1,
          leadEventId: 2,
          candidateId: 3,
          event: "lead-unlocked",
          isNewCandidate: true,
          candidateName: "Ida Lee",
        },
      });
      await stream.waitFor(/event: lead-received\ndata: (.*)\n\n/);
      const data =
        /event: lead-received\ndata: (.*)\n\n/.exec(stream.text)?.[1] ?? "";
      assert.deepEqual(leadReceivedSchema.parse(JSON.parse(data)), {
        candidateId: 3,
        event: "lead-unlocked",
        isNewCandidate: true,
        name: "Ida Lee",
      });

      pushToServer?.({
        type: "status",
        status: { ...status, quarantinedCount: 7 },
      });
      await stream.waitFor(/"quarantinedCount":7/);
      await stream.waitFor(/^: heartbeat$/m);
    } finally {
      stream.close();
    }
  });

  it("requires the token for events", async () => {
    const response = await sendRaw(port, {
      path: `/api/events?token=${token}0`,
    });
    assert.equal(response.status, 401);
  });

  it("downloads an export file", async () => {
    const response = await sendRaw(port, {
      path: `/api/exports/4/0?token=${token}`,
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers["content-type"], "text/csv; charset=utf-8");
    assert.equal(
      response.headers["content-disposition"],
      `attachment; filename="bullhorn 2024-05-01 _.csv"; filename*=UTF-8''bullhorn%202024-05-01%20%C3%A9.csv`,
    );
    assert.equal(response.body, "first_name\r\nIda\r\n");
  });

  it("answers 404 for a missing export file", async () => {
    const response = await sendRaw(port, {
      path: `/api/exports/4/3?token=${token}`,
    });
    assert.equal(response.status, 404);
    assert.match(response.body, /Export 4 has no file number 4/);
    const unauthorized = await sendRaw(port, { path: "/api/exports/4/0" });
    assert.equal(unauthorized.status, 401);
  });
});

describe("admin server without a UI build", () => {
  it("explains how to build the UI", async () => {
    const database = openTempDatabase();
    const emptyDir = mkdtempSync(join(tmpdir(), "lead-inbox-nobuild-"));
    const server = createAdminServer({
      handlers: handlersFor(database.db),
      staticDir: join(emptyDir, "renderer"),
      token: generateUiToken(),
      logger: silentLogger,
      subscribe: () => () => {},
    });
    try {
      const { port } = await server.listen(0);
      const response = await sendRaw(port, { path: "/" });
      assert.equal(response.status, 503);
      assert.match(response.body, /npm run build:renderer/);
      assert.ok(response.headers["content-security-policy"]);
    } finally {
      await server.close();
      database.cleanup();
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });

  it("closes while an event stream is open", async () => {
    const database = openTempDatabase();
    const token = generateUiToken();
    const server = createAdminServer({
      handlers: handlersFor(
        database.db,
        stubServices({ getStatus: () => status }),
      ),
      staticDir: tmpdir(),
      token,
      logger: silentLogger,
      subscribe: () => () => {},
    });
    try {
      const { port } = await server.listen(0);
      const stream = await EventStreamReader.open(
        port,
        `/api/events?token=${token}`,
      );
      await stream.waitFor(/event: status/);
      await server.close();
      await stream.waitForEnd();
    } finally {
      database.cleanup();
    }
  });
});
