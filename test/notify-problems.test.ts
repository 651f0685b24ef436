import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { test } from "node:test";

import pino from "pino";

import type { AppStatus } from "../shared/contract";
import type { LeadInboxAppEvents } from "../main/app/app-types";
import { attachNotifications } from "../main/notify/attach-notifications";
import { ProblemAlerts } from "../main/notify/problem-alerts";
import {
  ManualClock,
  RecordingPresenter,
  RecordingTargets,
} from "./support/manual-clock";

const MINUTE = 60_000;
const silentLog = pino({ level: "silent" });

function setup() {
  const clock = new ManualClock();
  const presenter = new RecordingPresenter();
  const targets = new RecordingTargets();
  const alerts = new ProblemAlerts({
    presenter,
    targets,
    clock,
    log: silentLog,
    tunnelDownAlertMs: 5 * MINUTE,
    authFailureThreshold: 5,
    authFailureWindowMs: 10 * MINUTE,
  });
  return { clock, presenter, targets, alerts };
}

function status(tunnelState: AppStatus["tunnel"]["state"]): AppStatus {
  return {
    receiving: true,
    webhookUrl: "https://example.loca.lt/webhook",
    localWebhookUrl: "http://127.0.0.1:4000/webhook",
    tunnel: {
      state: tunnelState,
      url: null,
      lastProbeAt: null,
      lastError: null,
    },
    candidateCount: 0,
    quarantinedCount: 0,
    recentAuthFailures: 0,
  };
}

test("public URL change shows the new URL", () => {
  const { presenter, targets, alerts } = setup();

  alerts.handlePublicUrlChanged({
    previousUrl: "https://old.loca.lt",
    url: "https://new.loca.lt",
  });

  assert.equal(presenter.shownRequests.length, 1);
  assert.equal(presenter.shownRequests[0]?.title, "Your webhook URL changed");
  assert.match(
    presenter.shownRequests[0]?.body ?? "",
    /https:\/\/new\.loca\.lt/,
  );
  presenter.shownRequests[0]?.onClick?.();
  assert.deepEqual(targets.opened, ["settings"]);
});

test("same public URL twice alerts once", () => {
  const { presenter, alerts } = setup();

  alerts.handlePublicUrlChanged({
    previousUrl: null,
    url: "https://a.loca.lt",
  });
  alerts.handlePublicUrlChanged({
    previousUrl: null,
    url: "https://a.loca.lt",
  });
  alerts.handlePublicUrlChanged({
    previousUrl: "https://a.loca.lt",
    url: "https://b.loca.lt",
  });

  assert.equal(presenter.shownRequests.length, 2);
});

test("tunnel down under the limit stays quiet", () => {
  const { clock, presenter, alerts } = setup();

  alerts.handleStatus(status("down"));
  clock.advance(4 * MINUTE);
  alerts.handleStatus(status("up"));
  clock.advance(10 * MINUTE);

  assert.equal(presenter.shownRequests.length, 0);
  assert.equal(clock.pendingTimers, 0);
});

test("tunnel down past the limit alerts once", () => {
  const { clock, presenter, alerts } = setup();

  alerts.handleStatus(status("down"));
  clock.advance(2 * MINUTE);
  alerts.handleStatus(status("connecting"));
  alerts.handleStatus(status("down"));
  clock.advance(3 * MINUTE);

  assert.deepEqual(presenter.titles, [
    "LocumJobsOnline cannot reach this computer",
  ]);
  assert.match(presenter.shownRequests[0]?.body ?? "", /5 minutes/);

  clock.advance(60 * MINUTE);
  alerts.handleStatus(status("down"));
  alerts.handleStatus(status("connecting"));
  clock.advance(60 * MINUTE);
  assert.equal(presenter.shownRequests.length, 1);
});

test("tunnel recovery is announced and re-arms", () => {
  const { clock, presenter, alerts } = setup();

  alerts.handleStatus(status("connecting"));
  clock.advance(5 * MINUTE);
  alerts.handleStatus(status("up"));
  alerts.handleStatus(status("down"));
  clock.advance(5 * MINUTE);

  assert.deepEqual(presenter.titles, [
    "LocumJobsOnline cannot reach this computer",
    "LocumJobsOnline can reach this computer again",
    "LocumJobsOnline cannot reach this computer",
  ]);
});

test("tunnel switched off cancels the alert", () => {
  const { clock, presenter, alerts } = setup();

  alerts.handleStatus(status("down"));
  alerts.handleStatus(status("off"));
  clock.advance(10 * MINUTE);

  assert.equal(presenter.shownRequests.length, 0);
});

test("auth failures alert at the threshold", () => {
  const { clock, presenter, targets, alerts } = setup();

  for (let i = 0; i < 4; i++) {
    alerts.handleAuthFailure();
    clock.advance(MINUTE);
  }
  assert.equal(presenter.shownRequests.length, 0);

  alerts.handleAuthFailure();
  assert.deepEqual(presenter.titles, [
    "LocumJobsOnline may have old credentials",
  ]);
  assert.match(presenter.shownRequests[0]?.body ?? "", /5 webhook requests/);
  presenter.shownRequests[0]?.onClick?.();
  assert.deepEqual(targets.opened, ["settings"]);
});

test("auth failures spread out stay quiet", () => {
  const { clock, presenter, alerts } = setup();

  for (let i = 0; i < 20; i++) {
    alerts.handleAuthFailure();
    clock.advance(3 * MINUTE);
  }

  assert.equal(presenter.shownRequests.length, 0);
});

test("auth failures do not repeat the alert", () => {
  const { clock, presenter, alerts } = setup();

  for (let i = 0; i < 50; i++) {
    alerts.handleAuthFailure();
    clock.advance(MINUTE);
  }

  assert.equal(presenter.shownRequests.length, 1);
});

test("auth alert re-arms after a quiet window", () => {
  const { clock, presenter, alerts } = setup();

  for (let i = 0; i < 5; i++) alerts.handleAuthFailure();
  clock.advance(10 * MINUTE);
  for (let i = 0; i < 5; i++) alerts.handleAuthFailure();

  assert.equal(presenter.shownRequests.length, 2);
});

test("auth alert re-arms after an accepted lead", () => {
  const { presenter, alerts } = setup();

  for (let i = 0; i < 5; i++) alerts.handleAuthFailure();
  alerts.handleLeadAccepted();
  for (let i = 0; i < 4; i++) alerts.handleAuthFailure();
  assert.equal(presenter.shownRequests.length, 1);

  alerts.handleAuthFailure();
  assert.equal(presenter.shownRequests.length, 2);
});

test("attached events reach both notifiers", () => {
  const clock = new ManualClock();
  const presenter = new RecordingPresenter();
  const events = new EventEmitter<LeadInboxAppEvents>();
  let enabled = false;
  const detach = attachNotifications(events, {
    presenter,
    targets: new RecordingTargets(),
    clock,
    log: silentLog,
    leadNotificationsEnabled: () => enabled,
  });

  const committed = {
    deliveryId: 1,
    leadEventId: 1,
    candidateId: 9,
    event: "new-lead" as const,
    isNewCandidate: true,
    candidateName: "Sam Roe",
  };
  events.emit("lead", committed);
  events.emit("public-url-changed", { previousUrl: null, url: "https://x.lt" });
  assert.deepEqual(presenter.titles, ["Your webhook URL changed"]);

  enabled = true;
  events.emit("lead", { ...committed, candidateId: 10 });
  assert.equal(presenter.titles[1], "New lead: Sam Roe");

  for (let i = 0; i < 5; i++) {
    events.emit("auth-failure", { remoteAddress: null, reason: "bad token" });
  }
  assert.equal(presenter.titles[2], "LocumJobsOnline may have old credentials");

  detach();
  assert.equal(events.listenerCount("lead"), 0);
  assert.equal(events.listenerCount("status"), 0);
  assert.equal(clock.pendingTimers, 0);
});

test("initial down status starts the clock", () => {
  const clock = new ManualClock();
  const presenter = new RecordingPresenter();
  const events = new EventEmitter<LeadInboxAppEvents>();
  const detach = attachNotifications(events, {
    presenter,
    targets: new RecordingTargets(),
    clock,
    log: silentLog,
    leadNotificationsEnabled: () => true,
    initialStatus: status("connecting"),
  });

  clock.advance(5 * MINUTE);
  assert.deepEqual(presenter.titles, [
    "LocumJobsOnline cannot reach this computer",
  ]);

  detach();
});
