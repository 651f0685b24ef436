import assert from "node:assert/strict";
import { test } from "node:test";

import { LeadNotifier, type LeadNotice } from "../main/notify/lead-notifier";
import {
  ManualClock,
  RecordingPresenter,
  RecordingTargets,
} from "./support/manual-clock";

function setup(options: { enabled?: () => boolean } = {}) {
  const clock = new ManualClock();
  const presenter = new RecordingPresenter();
  const targets = new RecordingTargets();
  const notifier = new LeadNotifier({
    presenter,
    targets,
    clock,
    isEnabled: options.enabled ?? (() => true),
    burstWindowMs: 5_000,
  });
  return { clock, presenter, targets, notifier };
}

function lead(candidateId: number, overrides: Partial<LeadNotice> = {}) {
  return {
    candidateId,
    event: "job-application-received",
    isNewCandidate: true,
    candidateName: `Candidate ${candidateId}`,
    ...overrides,
  };
}

test("first lead shows at once and opens its candidate", () => {
  const { presenter, targets, notifier } = setup();

  notifier.handleLead(lead(7, { candidateName: "Jane Doe" }));

  assert.deepEqual(presenter.titles, ["New lead: Jane Doe"]);
  assert.equal(presenter.shownRequests[0]?.body, "Job application");
  presenter.shownRequests[0]?.onClick?.();
  assert.deepEqual(targets.opened, ["candidate:7"]);
});

test("burst is coalesced into one summary", () => {
  const { clock, presenter, targets, notifier } = setup();

  for (let id = 1; id <= 13; id++) notifier.handleLead(lead(id));
  assert.equal(presenter.shownRequests.length, 1);

  clock.advance(4_999);
  assert.equal(presenter.shownRequests.length, 1);
  clock.advance(1);

  assert.deepEqual(presenter.titles, ["New lead: Candidate 1", "12 new leads"]);
  presenter.shownRequests[1]?.onClick?.();
  assert.deepEqual(targets.opened, ["inbox"]);
});

test("single lead in a window shows by name", () => {
  const { clock, presenter, targets, notifier } = setup();

  notifier.handleLead(lead(1));
  clock.advance(1_000);
  notifier.handleLead(lead(2));
  clock.advance(4_000);

  assert.deepEqual(presenter.titles, [
    "New lead: Candidate 1",
    "New lead: Candidate 2",
  ]);
  presenter.shownRequests[1]?.onClick?.();
  assert.deepEqual(targets.opened, ["candidate:2"]);
});

test("steady stream gives one summary per window", () => {
  const { clock, presenter, notifier } = setup();

  for (let second = 0; second < 15; second++) {
    notifier.handleLead(lead(second + 1));
    clock.advance(1_000);
  }
  clock.advance(10_000);

  assert.deepEqual(presenter.titles, [
    "New lead: Candidate 1",
    "4 new leads",
    "5 new leads",
    "5 new leads",
  ]);
});

test("quiet period after a burst shows the next lead at once", () => {
  const { clock, presenter, notifier } = setup();

  notifier.handleLead(lead(1));
  clock.advance(60_000);
  assert.equal(clock.pendingTimers, 0);

  notifier.handleLead(lead(2));
  assert.deepEqual(presenter.titles, [
    "New lead: Candidate 1",
    "New lead: Candidate 2",
  ]);
});

test("known candidate shows nothing", () => {
  const { presenter, notifier } = setup();

  notifier.handleLead(lead(3, { isNewCandidate: false }));

  assert.equal(presenter.shownRequests.length, 0);
});

test("missing name and unknown event still read well", () => {
  const { presenter, notifier } = setup();

  notifier.handleLead(lead(4, { candidateName: " ", event: "lead-pinged" }));

  assert.equal(
    presenter.shownRequests[0]?.title,
    "New lead: A candidate with no name",
  );
  assert.equal(presenter.shownRequests[0]?.body, "lead-pinged");
});

test("disabled setting shows nothing", () => {
  let enabled = true;
  const { clock, presenter, notifier } = setup({ enabled: () => enabled });

  notifier.handleLead(lead(1));
  notifier.handleLead(lead(2));
  notifier.handleLead(lead(3));
  enabled = false;
  clock.advance(5_000);
  notifier.handleLead(lead(4));

  assert.deepEqual(presenter.titles, ["New lead: Candidate 1"]);
});

test("dispose cancels the pending summary", () => {
  const { clock, presenter, notifier } = setup();

  notifier.handleLead(lead(1));
  notifier.handleLead(lead(2));
  notifier.dispose();
  clock.advance(10_000);

  assert.equal(presenter.shownRequests.length, 1);
  assert.equal(clock.pendingTimers, 0);
});
