import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";

import {
  API_METHODS,
  type ApiMethodName,
  type ApiResponse,
  type ApiResult,
  type AppStatus,
} from "../../shared/contract";
import type { ApiHandlers } from "../../main/app/app-types";
import { createApiHandlers } from "../../main/api/handlers";
import type { ApiServices } from "../../main/api/services";
import { openDatabase, type Db } from "../../main/store/database";

export const silentLogger = pino({ level: "silent" });

/** Opens a database file in a fresh temp folder, migrated and seeded by openDatabase. */
export function openTempDatabase(): { db: Db; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "lead-inbox-api-"));
  const db = openDatabase(join(dir, "lead-inbox.db"));
  return {
    db,
    cleanup: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Services whose methods fail the test unless `overrides` supplies them. */
export function stubServices(
  overrides: Partial<ApiServices> = {},
): ApiServices {
  const unexpected = (name: string) => () => {
    throw new Error(`The test did not expect a call to services.${name}`);
  };
  return {
    previewExport: unexpected("previewExport"),
    exportCsv: unexpected("exportCsv"),
    listExports: unexpected("listExports"),
    readExportFile: unexpected("readExportFile"),
    reprocessDelivery: unexpected("reprocessDelivery"),
    reprocessQuarantined: unexpected("reprocessQuarantined"),
    getSettings: unexpected("getSettings"),
    saveSettings: unexpected("saveSettings"),
    regenerateCredentials: unexpected("regenerateCredentials"),
    sendTestEvent: unexpected("sendTestEvent"),
    getStatus: unexpected("getStatus"),
    ...overrides,
  };
}

export function handlersFor(db: Db, services = stubServices()): ApiHandlers {
  return createApiHandlers(db, services, silentLogger, {
    now: () => "2024-06-01T00:00:00.000Z",
  });
}

/**
 * Asserts that the result is ok and that its value passes the method's
 * response schema, and returns the value.
 */
export function expectOk<M extends ApiMethodName>(
  method: M,
  result: ApiResult<ApiResponse<M>>,
): ApiResponse<M> {
  if (!result.ok) {
    assert.fail(
      `${method} failed: ${result.error.code}: ${result.error.message}`,
    );
  }
  const parsed = API_METHODS[method].response.safeParse(result.value);
  assert.ok(
    parsed.success,
    `${method} response breaks its schema: ${parsed.error?.message ?? ""}`,
  );
  return result.value;
}

/** Asserts that the result failed with `code` and returns its message. */
export function expectError(result: ApiResult<unknown>, code: string): string {
  assert.equal(result.ok, false, "expected an error result");
  if (result.ok) return "";
  assert.equal(result.error.code, code, result.error.message);
  return result.error.message;
}

/** An AppStatus of a running inbox with the tunnel off, for handler tests. */
export function sampleStatus(overrides: Partial<AppStatus> = {}): AppStatus {
  return {
    receiving: true,
    webhookUrl: "http://127.0.0.1:8787/webhook",
    localWebhookUrl: "http://127.0.0.1:8787/webhook",
    tunnel: { state: "off", url: null, lastProbeAt: null, lastError: null },
    candidateCount: 0,
    quarantinedCount: 0,
    recentAuthFailures: 0,
    ...overrides,
  };
}
