import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import type { ExportRecord } from "../shared/contract";
import { ConflictError, NotFoundError } from "../main/api/errors";
import { guardMethod } from "../main/api/guard";
import type { ApiHandlers } from "../main/app/app-types";
import type { Db } from "../main/store/database";
import {
  expectError,
  expectOk,
  handlersFor,
  openTempDatabase,
  silentLogger,
  sampleStatus,
  stubServices,
} from "./support/api-test-kit";

const status = sampleStatus();

const exportRecord: ExportRecord = {
  id: 4,
  createdAt: "2024-05-01T00:00:00.000Z",
  preset: "bullhorn",
  rowCount: 2,
  files: ["exports/bullhorn-1.csv"],
  options: {},
};

describe("API guard", () => {
  it("rejects invalid requests with readable issues", async () => {
    const handler = guardMethod(
      "listCandidates",
      () => ({ total: 0, rows: [] }),
      silentLogger,
    );
    const message = expectError(
      await handler({ limit: 5000, eventTypes: ["lead-unlocked", "hired"] }),
      "invalid_request",
    );
    assert.match(message, /^Invalid listCandidates request: /);
    assert.match(message, /limit: Too big/);
    assert.match(message, /eventTypes\[1\]: Invalid option/);
  });

  it("rejects unknown keys on empty requests", async () => {
    const handler = guardMethod("getStatus", () => status, silentLogger);
    const message = expectError(
      await handler({ admin: true }),
      "invalid_request",
    );
    assert.match(message, /Unrecognized key: "admin"/);
  });

  it("treats a missing request as empty", async () => {
    const handler = guardMethod("getStatus", () => status, silentLogger);
    assert.deepEqual(expectOk("getStatus", await handler(undefined)), status);
  });

  it("passes defaults to the implementation", async () => {
    let received: unknown;
    const handler = guardMethod(
      "listDeliveries",
      (request) => {
        received = request;
        return { total: 0, rows: [] };
      },
      silentLogger,
    );
    expectOk("listDeliveries", await handler({}));
    assert.deepEqual(received, { offset: 0, limit: 100, filter: "all" });
  });

  it("maps known errors to their codes", async () => {
    const notFound = guardMethod(
      "reprocessDelivery",
      () => {
        throw new NotFoundError("Delivery 3 was not found.");
      },
      silentLogger,
    );
    assert.equal(
      expectError(await notFound({ id: 3 }), "not_found"),
      "Delivery 3 was not found.",
    );
    const conflict = guardMethod(
      "reprocessDelivery",
      () => Promise.reject(new ConflictError("Delivery 3 is not quarantined.")),
      silentLogger,
    );
    expectError(await conflict({ id: 3 }), "conflict");
  });

  it("hides unexpected errors behind an error id", async () => {
    const handler = guardMethod(
      "getStatus",
      () => {
        throw new Error("SQLITE_CORRUPT at /home/recruiter/secret.db");
      },
      silentLogger,
    );
    const message = expectError(await handler({}), "internal");
    assert.match(
      message,
      /^getStatus failed because of an unexpected error \(error id [0-9a-f]{8}\)/,
    );
    assert.equal(message.includes("SQLITE_CORRUPT"), false);
    assert.equal(message.includes("/home/recruiter"), false);
  });
});

describe("delegated methods", () => {
  let database: { db: Db; cleanup: () => void };
  let api: ApiHandlers;
  const calls: unknown[][] = [];

  before(() => {
    database = openTempDatabase();
    api = handlersFor(
      database.db,
      stubServices({
        getStatus: () => status,
        listExports: () => Promise.resolve([exportRecord]),
        exportCsv: (options) => {
          calls.push(["exportCsv", options]);
          return exportRecord;
        },
        readExportFile: (id, fileIndex) => {
          calls.push(["readExportFile", id, fileIndex]);
          return { fileName: "bullhorn-1.csv", content: "a,b\r\n" };
        },
        reprocessDelivery: (id) => {
          calls.push(["reprocessDelivery", id]);
          return { processed: 1, stillQuarantined: 0 };
        },
        sendTestEvent: (event) => {
          calls.push(["sendTestEvent", event]);
          return { statusCode: 200, body: "ok" };
        },
      }),
    );
  });

  after(() => database.cleanup());

  it("pass validated requests to services", async () => {
    expectOk("exportCsv", await api.exportCsv({ preset: "bullhorn" }));
    expectOk("downloadExport", await api.downloadExport({ id: 4 }));
    expectOk("reprocessDelivery", await api.reprocessDelivery({ id: 9 }));
    expectOk("sendTestEvent", await api.sendTestEvent({ event: "new-lead" }));
    assert.deepEqual(calls, [
      [
        "exportCsv",
        { preset: "bullhorn", newOnly: false, markExported: false, bom: false },
      ],
      ["readExportFile", 4, 0],
      ["reprocessDelivery", 9],
      ["sendTestEvent", "new-lead"],
    ]);
  });

  it("return service values", async () => {
    assert.deepEqual(expectOk("getStatus", await api.getStatus({})), status);
    assert.deepEqual(expectOk("listExports", await api.listExports({})), [
      exportRecord,
    ]);
  });

  it("report a failing service as internal", async () => {
    expectError(await api.getSettings({}), "internal");
  });
});
