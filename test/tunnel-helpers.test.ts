import assert from "node:assert/strict";
import { test } from "node:test";

import { Backoff } from "../main/tunnel/backoff";
import { OutageAlertTracker } from "../main/tunnel/outage-alert";
import {
  GENERATED_SUBDOMAIN_LENGTH,
  generateSubdomain,
  isValidSubdomain,
} from "../main/tunnel/subdomain";

void test("backoff doubles from 1 s to 60 s", () => {
  const backoff = new Backoff({
    initialMs: 1_000,
    maxMs: 60_000,
    random: () => 0.5,
  });
  const delays = Array.from({ length: 9 }, () => backoff.next());

  assert.deepEqual(
    delays,
    [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000],
  );
  assert.equal(backoff.attempts, 9);
  backoff.reset();
  assert.equal(backoff.next(), 1_000);
});

void test("backoff jitter stays within its spread", () => {
  const low = new Backoff({ initialMs: 1_000, maxMs: 60_000, random: () => 0 });
  const high = new Backoff({
    initialMs: 1_000,
    maxMs: 60_000,
    random: () => 0.999_999,
  });

  assert.equal(low.next(), 800);
  assert.equal(high.next(), 1_200);
  for (let i = 0; i < 10; i++) {
    low.next();
    high.next();
  }
  assert.equal(low.next(), 48_000);
  assert.equal(high.next(), 60_000, "jitter never exceeds maxMs");
});

void test("backoff rejects an invalid range", () => {
  assert.throws(
    () => new Backoff({ initialMs: 0, maxMs: 10 }),
    /invalid backoff range 0\.\.10 ms/,
  );
  assert.throws(
    () => new Backoff({ initialMs: 100, maxMs: 10 }),
    /invalid backoff range 100\.\.10 ms/,
  );
});

void test("generated subdomains are long and valid", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const subdomain = generateSubdomain();
    assert.equal(subdomain.length, GENERATED_SUBDOMAIN_LENGTH);
    assert.match(subdomain, /^[a-z0-9]+$/);
    assert.ok(isValidSubdomain(subdomain), subdomain);
    seen.add(subdomain);
  }
  assert.equal(seen.size, 200);
});

void test("subdomain validation follows the server", () => {
  const cases: [string, boolean][] = [
    ["abcd", true],
    ["abc", false],
    ["a".repeat(63), true],
    ["a".repeat(64), false],
    [`a${"-".repeat(61)}a`, true],
    [`a${"-".repeat(62)}a`, false],
    ["my-inbox-01", true],
    ["a-bc", false],
    ["-inbox", false],
    ["inbox-", false],
    ["Inbox01", false],
    ["inbox.01", false],
    ["", false],
  ];
  for (const [value, valid] of cases) {
    assert.equal(isValidSubdomain(value), valid, `"${value}"`);
  }
});

void test("outage alert fires once past threshold", () => {
  let now = 1_000_000;
  const tracker = new OutageAlertTracker(5 * 60_000, () => now);

  assert.equal(tracker.update("connecting"), null);
  assert.equal(tracker.update("up"), null);
  assert.equal(tracker.update("down"), null);
  const downSinceMs = now;

  now += 2 * 60_000;
  assert.equal(tracker.update("connecting"), null);
  assert.equal(tracker.update("down"), null, "a retry keeps the outage start");

  now += 3 * 60_000;
  assert.equal(tracker.check(), null, "exactly the threshold is not past it");

  now += 1;
  assert.deepEqual(tracker.check(), {
    kind: "stale-down",
    downSinceMs,
    downForMs: 5 * 60_000 + 1,
  });
  assert.equal(tracker.check(), null, "one alert per outage");
  assert.equal(tracker.update("down"), null);

  now += 60_000;
  assert.deepEqual(tracker.update("up"), {
    kind: "recovered",
    downForMs: 6 * 60_000 + 1,
  });
  assert.equal(tracker.update("up"), null);
});

void test("short outage raises no alert", () => {
  let now = 0;
  const tracker = new OutageAlertTracker(60_000, () => now);

  tracker.update("down");
  now += 30_000;
  assert.equal(tracker.update("up"), null);

  now += 120_000;
  assert.equal(tracker.check(), null, "the outage ended before the threshold");
});

void test("turning the tunnel off ends the outage", () => {
  let now = 0;
  const tracker = new OutageAlertTracker(60_000, () => now);

  tracker.update("down");
  now += 120_000;
  assert.equal(tracker.check()?.kind, "stale-down");
  assert.equal(tracker.update("off"), null, "no recovery alert when off");

  now += 120_000;
  assert.equal(tracker.check(), null);
  tracker.update("connecting");
  now += 120_000;
  assert.equal(tracker.check(), null, "connecting alone starts no outage");
});
