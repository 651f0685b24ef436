import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { startLeadInboxApp } from "../main/app/lead-inbox-app";
import type { LeadInboxApp } from "../main/app/app-types";
import { makeTempDataDir } from "./support/temp-data-dir";

describe("app settings and test events", () => {
  const temp = makeTempDataDir();
  let app: LeadInboxApp;

  before(async () => {
    app = await startLeadInboxApp({
      dataDir: temp.dir,
      port: 0,
      uiPort: null,
      tunnel: { enabled: false },
      env: { LEAD_INBOX_AUTH: "bearer", LEAD_INBOX_TOKEN: "env-token" },
    });
  });
  after(async () => {
    await app.stop();
    temp.cleanup();
  });

  it("shows credentials from the environment", async () => {
    const result = await app.api.getSettings({});
    assert.ok(result.ok);
    assert.equal(result.value.authSource, "environment");
    assert.equal(result.value.bearerToken, "env-token");
    assert.match(
      result.value.localWebhookUrl,
      /^http:\/\/127\.0\.0\.1:\d+\/webhook$/,
    );
  });

  it("rejects an unknown phone region", async () => {
    for (const region of ["us", "ZZ", "USA"]) {
      const result = await app.api.saveSettings({ defaultPhoneRegion: region });
      assert.equal(result.ok, false, region);
    }
    const valid = await app.api.saveSettings({ defaultPhoneRegion: "CA" });
    assert.ok(valid.ok);
    assert.equal(valid.value.defaultPhoneRegion, "CA");
  });

  it("rejects a Basic user with a colon", async () => {
    for (const user of ["a:b", "   "]) {
      const result = await app.api.saveSettings({ basicUser: user });
      assert.equal(result.ok, false, JSON.stringify(user));
    }
  });

  it("signs test events when signatures are checked", async () => {
    const saved = await app.api.saveSettings({
      signatureCheck: true,
      signatureSecret: "shared-secret",
    });
    assert.ok(saved.ok);
    const result = await app.api.sendTestEvent({ event: "lead-unlocked" });
    assert.ok(result.ok);
    assert.equal(result.value.statusCode, 200, result.value.body);
  });

  it(
    "emits status when a delivery is quarantined",
    { timeout: 10_000 },
    async () => {
      await app.api.saveSettings({ signatureCheck: false });
      const status = new Promise((resolve) =>
        app.events.once("status", resolve),
      );
      const response = await fetch(app.getStatus().localWebhookUrl, {
        method: "POST",
        headers: { authorization: "Bearer env-token" },
        body: JSON.stringify({ event: "lead-updated" }),
      });
      assert.equal(response.status, 202);
      await status;
      assert.equal(app.getStatus().quarantinedCount, 1);
    },
  );

  it("reports a missing delivery as not found", async () => {
    const result = await app.api.reprocessDelivery({ id: 9999 });
    assert.equal(result.ok, false);
    assert.equal(result.ok ? "" : result.error.code, "not_found");
  });
});
