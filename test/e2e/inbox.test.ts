import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import Database from "better-sqlite3";
import Papa from "papaparse";
import type { Browser, Page } from "playwright-core";

import { GENERIC_EXPORT_COLUMNS } from "../../shared/export-columns";
import { LEAD_EVENT_TYPES } from "../../shared/lead-events";
import { startServeChild, type ServeChild } from "../support/serve-child";
import { loadSample, makeTempDataDir } from "../support/temp-data-dir";
import { launchChromium, SKIP_WITHOUT_CHROMIUM } from "./support/chromium";
import { postWebhook } from "./support/webhook";

const WEBHOOK_TOKEN = "e2e-webhook-token";
const SCREENSHOT_DIR = join(__dirname, "..", "..", "docs", "screenshots");
const VIEWPORT = { width: 1280, height: 800 };

/** Starts serve on a fresh data dir, with its UI, and opens a browser page. */
function useInbox() {
  const temp = makeTempDataDir("lead-inbox-e2e-");
  const state = { dataDir: temp.dir } as {
    dataDir: string;
    serve: ServeChild;
    browser: Browser;
    page: Page;
  };

  before(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    state.serve = await startServeChild({
      dataDir: temp.dir,
      token: WEBHOOK_TOKEN,
      ui: true,
    });
    state.browser = await launchChromium();
    state.page = await state.browser.newPage({ viewport: VIEWPORT });
    state.page.setDefaultTimeout(15_000);
  });

  after(async () => {
    await state.browser?.close();
    await state.serve?.stop();
    temp.cleanup();
  });

  return state;
}

function inboxUrl(serve: ServeChild): string {
  assert.ok(serve.inboxUrl, "serve logged no inboxUrl");
  return serve.inboxUrl;
}

async function openScreen(page: Page, screen: string): Promise<void> {
  await page.getByTestId(`nav-${screen}`).click();
  await page.waitForSelector(`[data-testid="${screen}"][data-ready="true"]`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

describe("inbox UI, empty data dir", { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  const inbox = useInbox();

  it("moves the token out of the URL", async () => {
    const { page, serve } = inbox;
    await page.goto(inboxUrl(serve));
    await page.waitForSelector('[data-testid="inbox"][data-ready="true"]');

    assert.doesNotMatch(page.url(), /token=/);
  });

  it("sends a test event from the empty state", async () => {
    const { page, serve } = inbox;
    const emptyState = page.getByTestId("empty-state");
    await emptyState.waitFor();
    const webhookUrl = await page
      .getByTestId("empty-state-webhook-url")
      .inputValue();
    assert.equal(webhookUrl, `http://127.0.0.1:${serve.port}/webhook`);
    // Without a tunnel the URL is loopback, and the page warns that LJO cannot use it.
    await page.getByTestId("webhook-url-local-only").waitFor();
    await screenshot(page, "empty-state");

    await page.getByTestId("send-test-event").click();

    await page.getByTestId("candidate-row").first().waitFor();
    assert.equal(await page.getByTestId("candidate-row").count(), 1);
  });

  it("asks for the inbox link after a wrong token", async () => {
    const { browser, serve } = inbox;
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    const wrong = new URL(inboxUrl(serve));
    wrong.searchParams.set("token", "not-the-token");

    await page.goto(wrong.toString());
    const hint = page.getByTestId("unauthorized");
    await hint.waitFor();

    assert.match(await hint.innerText(), /npm run serve/);
    await screenshot(page, "wrong-token");
    await context.close();
  });
});

describe("inbox UI, LJO samples", { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  const inbox = useInbox();
  let license = "";

  it("shows a posted lead live", async () => {
    const { page, serve } = inbox;
    await page.goto(inboxUrl(serve));
    await page.waitForSelector('[data-testid="inbox"][data-ready="true"]');
    await page.getByTestId("empty-state").waitFor();

    const posted = await postWebhook(
      serve.port,
      WEBHOOK_TOKEN,
      loadSample("job-application-received"),
    );
    assert.equal(posted.status, 200, posted.text);

    const row = page.getByTestId("candidate-row");
    await row.waitFor();
    assert.match(await row.innerText(), /Doe, John/);
    assert.match((await row.getAttribute("class")) ?? "", /candidate-row-new/);
  });

  it("merges every sample into one candidate", async () => {
    const { page, serve } = inbox;
    for (const event of LEAD_EVENT_TYPES.filter(
      (name) => name !== "job-application-received",
    )) {
      const posted = await postWebhook(
        serve.port,
        WEBHOOK_TOKEN,
        loadSample(event),
      );
      assert.equal(posted.status, 200, `${event}: ${posted.text}`);
    }

    const row = page.getByTestId("candidate-row");
    // The last-event cell shows the event count once it passes one.
    await row.filter({ hasText: `(${LEAD_EVENT_TYPES.length})` }).waitFor();
    assert.equal(await row.count(), 1);
    license = (
      await row.locator('[role="gridcell"]').nth(3).innerText()
    ).trim();
    assert.notEqual(license, "");
    await screenshot(page, "inbox");
  });

  it("opens the candidate with its timeline", async () => {
    const { page } = inbox;
    await page.getByTestId("candidate-row").click();
    const drawer = page.locator(
      '[data-testid="candidate-drawer"][data-ready="true"]',
    );
    await drawer.waitFor();

    assert.equal(
      await drawer.getByTestId("candidate-name").textContent(),
      "Doe, John",
    );
    // The samples disagree (new-lead sends "West Virginia", the others a list
    // of codes), and the newest event wins, so only the format is checked.
    const states = await drawer.getByTestId("licensed-states").textContent();
    assert.match(states ?? "", /[A-Z]{2}/);
    const events = drawer.locator(
      '[data-testid="candidate-timeline"] .mantine-Timeline-item',
    );
    assert.equal(await events.count(), LEAD_EVENT_TYPES.length);

    await drawer.getByTestId("show-raw-payload").first().click();
    const body = drawer.getByTestId("delivery-body");
    await body.waitFor();
    assert.match((await body.textContent()) ?? "", /"event"/);
    await screenshot(page, "candidate");

    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "detached" });
  });

  it("saves a mapping on Enter", async () => {
    const { page } = inbox;
    await openScreen(page, "mappings");
    const row = page.locator(
      `[data-testid="mapping-row"][data-name="${license}"]`,
    );
    const input = row.getByTestId("ats-value-input");

    await input.fill("ATS-LIC-1");
    await input.press("Enter");

    await row
      .locator('[data-testid="ats-value-input"][data-save-state="saved"]')
      .waitFor();
    await page.reload();
    await page.waitForSelector('[data-testid="mappings"][data-ready="true"]');
    assert.equal(await input.inputValue(), "ATS-LIC-1");
    await screenshot(page, "mappings");
  });

  it("exports a CSV that reads back", async () => {
    const { page } = inbox;
    await openScreen(page, "export");
    await page.getByTestId("export-preview").waitFor();
    assert.equal(
      await page.getByTestId("export-preview").getAttribute("data-total"),
      "1",
    );
    await screenshot(page, "export");

    const download = page.waitForEvent("download");
    await page.getByTestId("run-export").click();
    // The sample's specialties have no ATS value, so the UI requests confirmation.
    await page.getByTestId("confirm-button").click();
    const file = await (await download).path();

    const parsed = Papa.parse<Record<string, string>>(
      readFileSync(file, "utf8"),
      { header: true, skipEmptyLines: true },
    );
    assert.deepEqual(parsed.meta.fields, [...GENERIC_EXPORT_COLUMNS]);
    assert.equal(parsed.data.length, 1);
    assert.equal(parsed.data[0]?.email, "johndoe@test.com");
    assert.equal(parsed.data[0]?.license_ats_id, "ATS-LIC-1");
    await page.getByTestId("export-record").first().waitFor();
  });

  it("reprocesses a quarantined delivery", async () => {
    const { page, serve } = inbox;
    const posted = await postWebhook(serve.port, WEBHOOK_TOKEN, {
      event: "candidate-teleported",
      data: { candidate: { first_name: "Zed" } },
    });
    assert.equal(posted.status, 202, posted.text);

    await openScreen(page, "deliveries");
    await page.getByTestId("delivery-filter").getByText("Quarantined").click();
    const row = page.locator(
      '[data-testid="delivery-row"][data-status="quarantined"]',
    );
    await row.click();
    await page
      .locator('[data-testid="delivery-detail"][data-ready="true"]')
      .waitFor();
    await screenshot(page, "deliveries");

    await page.getByTestId("reprocess-delivery").click();

    // The event is still unknown, so the delivery stays in quarantine.
    await page
      .getByText("1 delivery still quarantined", { exact: false })
      .waitFor();
    assert.equal(await row.count(), 1);
  });

  it("reprocesses a delivery into a lead", async () => {
    const { page } = inbox;
    // A delivery that an older parser quarantined but this one can read.
    const body = loadSample("lead-unlocked");
    const data = body.data as { candidate: Record<string, unknown> };
    data.candidate = {
      ...data.candidate,
      id: 777,
      first_name: "Quinn",
      last_name: "Restored",
      email: "quinn.restored@example.com",
    };
    const db = new Database(join(inbox.dataDir, "lead-inbox.db"));
    try {
      db.prepare(
        `INSERT INTO deliveries (received_at, method, path, headers_json, body,
           status, status_code, error)
         VALUES (?, 'POST', '/webhook', '{}', ?, 'quarantined', 202, 'older parser')`,
      ).run(new Date().toISOString(), Buffer.from(JSON.stringify(body)));
    } finally {
      db.close();
    }

    await openScreen(page, "deliveries");
    await page.getByTestId("delivery-filter").getByText("Quarantined").click();
    await page.getByTestId("reprocess-all").click();
    await page.getByText("1 delivery processed", { exact: false }).waitFor();

    await openScreen(page, "inbox");
    await page
      .locator('[data-testid="candidate-row"]', { hasText: "Restored" })
      .waitFor();
  });

  it("shows the webhook URL in settings", async () => {
    const { page, serve } = inbox;
    await openScreen(page, "settings");

    assert.equal(
      await page.getByTestId("settings-webhook-url").inputValue(),
      `http://127.0.0.1:${serve.port}/webhook`,
    );
    await screenshot(page, "settings");
  });
});
