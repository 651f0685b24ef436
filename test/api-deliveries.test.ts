import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import type { ApiHandlers } from "../main/app/app-types";
import type { Db } from "../main/store/database";
import {
  expectError,
  expectOk,
  handlersFor,
  openTempDatabase,
} from "./support/api-test-kit";
import {
  insertCandidate,
  insertDelivery,
  insertLeadEvent,
  insertRejectedRequest,
} from "./support/seed-rows";

describe("listDeliveries and getDelivery", () => {
  let database: { db: Db; cleanup: () => void };
  let api: ApiHandlers;
  const ids = {
    candidate: 0,
    processed: 0,
    quarantined: 0,
    rejected: 0,
    serverError: 0,
  };

  before(() => {
    database = openTempDatabase();
    const { db } = database;
    api = handlersFor(db);

    ids.candidate = insertCandidate(db, { firstName: "Ida" });
    ids.processed = insertLeadEvent(db, {
      candidateId: ids.candidate,
      receivedAt: "2024-05-01T10:00:00.000Z",
    }).deliveryId;
    ids.quarantined = insertDelivery(db, {
      receivedAt: "2024-05-01T11:00:00.000Z",
      event: "candidate-hired",
      status: "quarantined",
      statusCode: 202,
      error: "Unknown event candidate-hired",
      headers: {
        Authorization: "Bearer s3cret-token",
        cookie: "session=abc",
        "x-t5-signature": "c2lnbmF0dXJl",
      },
      body: Buffer.concat([
        Buffer.from('{"event":"candidate-hired","name":"'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('"}'),
      ]),
      warnings: ["phone kept as sent"],
      signatureValid: true,
    });
    ids.rejected = insertRejectedRequest(db, {
      receivedAt: "2024-05-01T12:00:00.000Z",
      statusCode: 401,
      error: "Wrong bearer token",
      headers: { authorization: "Basic dXNlcjpwYXNz" },
    });
    ids.serverError = insertDelivery(db, {
      receivedAt: "2024-05-01T09:00:00.000Z",
      status: "processed",
      statusCode: 500,
      error: "disk full",
      event: null,
    });
  });

  after(() => database.cleanup());

  async function listKeys(request: Record<string, unknown>) {
    const page = expectOk("listDeliveries", await api.listDeliveries(request));
    return {
      total: page.total,
      keys: page.rows.map((row) => `${row.kind}:${row.id}`),
    };
  }

  it("lists deliveries and rejected requests newest first", async () => {
    const { total, keys } = await listKeys({});
    assert.equal(total, 4);
    assert.deepEqual(keys, [
      `rejected:${ids.rejected}`,
      `delivery:${ids.quarantined}`,
      `delivery:${ids.processed}`,
      `delivery:${ids.serverError}`,
    ]);
  });

  it("fills summary fields", async () => {
    const page = expectOk("listDeliveries", await api.listDeliveries({}));
    const processed = page.rows.find(
      (row) => row.kind === "delivery" && row.id === ids.processed,
    );
    assert.equal(processed?.candidateId, ids.candidate);
    assert.equal(processed?.status, "processed");
    const rejected = page.rows.find((row) => row.kind === "rejected");
    assert.equal(rejected?.status, "rejected");
    assert.equal(rejected?.statusCode, 401);
    assert.equal(rejected?.error, "Wrong bearer token");
    assert.equal(rejected?.candidateId, null);
  });

  it("pages the union", async () => {
    const { total, keys } = await listKeys({ offset: 1, limit: 2 });
    assert.equal(total, 4);
    assert.deepEqual(keys, [
      `delivery:${ids.quarantined}`,
      `delivery:${ids.processed}`,
    ]);
  });

  it("filters failed requests", async () => {
    const { total, keys } = await listKeys({ filter: "failed" });
    assert.equal(total, 2);
    assert.deepEqual(keys, [
      `rejected:${ids.rejected}`,
      `delivery:${ids.serverError}`,
    ]);
  });

  it("filters quarantined deliveries", async () => {
    const { total, keys } = await listKeys({ filter: "quarantined" });
    assert.equal(total, 1);
    assert.deepEqual(keys, [`delivery:${ids.quarantined}`]);
  });

  it("masks credentials in delivery headers", async () => {
    const detail = expectOk(
      "getDelivery",
      await api.getDelivery({ kind: "delivery", id: ids.quarantined }),
    );
    assert.equal(detail.headers.authorization, "Bearer ****");
    assert.equal(detail.headers.cookie, "****");
    assert.equal(detail.headers["x-t5-signature"], "c2lnbmF0dXJl");
    assert.equal(JSON.stringify(detail).includes("s3cret-token"), false);
  });

  it("returns the body as UTF-8 text", async () => {
    const detail = expectOk(
      "getDelivery",
      await api.getDelivery({ kind: "delivery", id: ids.quarantined }),
    );
    assert.equal(
      detail.body,
      '{"event":"candidate-hired","name":"\ufffd\ufffd"}',
    );
    assert.deepEqual(detail.warnings, ["phone kept as sent"]);
    assert.equal(detail.signatureValid, true);
    assert.equal(detail.error, "Unknown event candidate-hired");
  });

  it("returns a rejected request", async () => {
    const detail = expectOk(
      "getDelivery",
      await api.getDelivery({ kind: "rejected", id: ids.rejected }),
    );
    assert.equal(detail.body, "");
    assert.equal(detail.headers.authorization, "Basic ****");
    assert.equal(detail.signatureValid, null);
    assert.deepEqual(detail.warnings, []);
  });

  it("reports an unknown delivery as not found", async () => {
    const message = expectError(
      await api.getDelivery({ kind: "rejected", id: ids.processed + 100 }),
      "not_found",
    );
    assert.match(message, /Rejected request \d+ was not found/);
  });
});
