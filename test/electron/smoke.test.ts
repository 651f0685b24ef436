// Launches the built desktop app under Electron and checks that a lead
// posted to its webhook listener shows up in the window. It needs the
// Electron binary, better-sqlite3 rebuilt for Electron, `npm run build` and
// a display (xvfb-run), so only the GitHub workflow runs it:
//   xvfb-run -a npm run test:electron
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";

import {
  _electron as electron,
  type ElectronApplication,
} from "playwright-core";

import type { LeadInboxApi } from "../../shared/contract";

const ROOT = path.join(__dirname, "..", "..");
const TOKEN = "smoke-test-token-0123456789abcdef";

type PageGlobals = {
  leadInbox?: LeadInboxApi;
  require?: unknown;
  location: { href: string };
};

function samplePayload(): unknown {
  const file = path.join(
    ROOT,
    "test/fixtures/ljo/job-application-received.json",
  );
  const payload = JSON.parse(fs.readFileSync(file, "utf8")) as {
    data: { candidate: Record<string, unknown> };
  };
  payload.data.candidate.first_name = "Smokey";
  payload.data.candidate.last_name = "Electronsmith";
  payload.data.candidate.id = 990001;
  return payload;
}

async function launch(dataDir: string): Promise<ElectronApplication> {
  return electron.launch({
    args: ["."],
    cwd: ROOT,
    timeout: 60_000,
    env: {
      ...process.env,
      LEAD_INBOX_DATA_DIR: dataDir,
      LEAD_INBOX_TUNNEL: "off",
      LEAD_INBOX_AUTH: "bearer",
      LEAD_INBOX_TOKEN: TOKEN,
    },
  });
}

test("posted lead shows in the window", { timeout: 120_000 }, async (t) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lead-inbox-smoke-"));
  const app = await launch(dataDir);
  t.after(async () => {
    await app.close();
    // The workflow sets KEEP_SMOKE_DATA so that it can upload the logs in
    // the data folder after a failure.
    if (!process.env.KEEP_SMOKE_DATA) {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  const window = await app.firstWindow();
  await window.waitForLoadState("domcontentloaded");

  const pageState = await window.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    return {
      hasBridge: typeof page.leadInbox?.getStatus === "function",
      hasRequire: typeof page.require !== "undefined",
    };
  });
  assert.equal(pageState.hasBridge, true, "preload bridge missing");
  assert.equal(pageState.hasRequire, false, "Node leaked into the page");

  // The CSP header has no 'unsafe-eval', so eval inside the page must fail.
  const evalResult = await window.evaluate(() => {
    try {
      return String((0, eval)("1 + 1"));
    } catch (error) {
      return error instanceof Error ? error.name : "thrown";
    }
  });
  assert.equal(evalResult, "EvalError", "CSP not applied to the page");

  const status = await window.evaluate(async () => {
    const page = globalThis as unknown as PageGlobals;
    return page.leadInbox!.getStatus({});
  });
  assert.ok(status.ok, JSON.stringify(status));
  const webhookUrl = status.value.localWebhookUrl;
  assert.match(webhookUrl, /^http:\/\/127\.0\.0\.1:\d+\/webhook$/);

  const invalid = await window.evaluate(async () => {
    const page = globalThis as unknown as PageGlobals;
    return page.leadInbox!.getCandidate({ id: -1 });
  });
  assert.equal(invalid.ok, false);

  const response = await fetch(webhookUrl, {
    method: "POST",
    headers: {
      authorization: `Bearer ${TOKEN}`,
      "content-type": "application/json",
    },
    body: JSON.stringify(samplePayload()),
  });
  assert.equal(response.status, 200, await response.text());

  await window
    .getByText(/Electronsmith/)
    .first()
    .waitFor({ state: "visible", timeout: 30_000 });

  // A denied navigation leaves the page in place; the target is loopback so
  // nothing leaves the machine even if the denial broke.
  await window.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    page.location.href = "http://127.0.0.1:9/";
  });
  const hrefAfter = await window.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    return page.location.href;
  });
  assert.match(hrefAfter, /^file:\/\/.*\/dist\/renderer\/index\.html/);
});
