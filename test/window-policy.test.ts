import assert from "node:assert/strict";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

import pino from "pino";

import {
  RENDERER_CSP_HEADER,
  RENDERER_CSP_META,
} from "../main/window-policy/content-security-policy";
import { RendererPushQueue } from "../main/window-policy/renderer-push-queue";
import { isRendererPageUrl } from "../main/window-policy/renderer-trust";
import { navigationHash } from "../preload/navigation-hash";
import { PushListeners } from "../preload/push-listeners";

const INDEX =
  "/opt/Locum Lead Inbox/resources/app.asar/dist/renderer/index.html";

test("renderer page URL is trusted with hash and query", () => {
  const url = pathToFileURL(INDEX).href;

  assert.equal(isRendererPageUrl(url, INDEX, "linux"), true);
  assert.equal(isRendererPageUrl(`${url}#/candidates/4`, INDEX, "linux"), true);
  assert.equal(isRendererPageUrl(`${url}?x=1`, INDEX, "linux"), true);
});

test("other URLs are not trusted", () => {
  const untrusted = [
    "https://example.com/index.html",
    "http://127.0.0.1:5173/",
    "file:///opt/other/index.html",
    "file://remote-host/opt/Locum%20Lead%20Inbox/resources/app.asar/dist/renderer/index.html",
    pathToFileURL(INDEX.replace("index.html", "other.html")).href,
    "about:blank",
    "",
    "not a url",
  ];
  for (const url of untrusted) {
    assert.equal(isRendererPageUrl(url, INDEX, "linux"), false, url);
  }
});

test(
  "windows paths compare case-insensitively",
  { skip: process.platform !== "win32" },
  () => {
    assert.equal(
      isRendererPageUrl(
        "file:///C:/Program%20Files/Locum/index.html",
        "c:\\program files\\locum\\index.html",
        "win32",
      ),
      true,
    );
  },
);

test("other platforms compare case-sensitively", () => {
  assert.equal(
    isRendererPageUrl("file:///opt/a/INDEX.html", "/opt/a/index.html", "linux"),
    false,
  );
});

test("CSP starts from default-src none", () => {
  assert.match(RENDERER_CSP_META, /^default-src 'none';/);
  assert.match(RENDERER_CSP_META, /script-src 'self'(;|$)/);
  assert.match(RENDERER_CSP_META, /connect-src 'none'/);
  assert.doesNotMatch(RENDERER_CSP_META, /unsafe-eval/);
  assert.doesNotMatch(RENDERER_CSP_META, /frame-ancestors/);
  assert.match(RENDERER_CSP_HEADER, /frame-ancestors 'none'$/);
});

test("push queue holds messages until ready", () => {
  const sent: unknown[] = [];
  const queue = new RendererPushQueue({
    send: (channel, payload) => sent.push([channel, payload]),
    log: pino({ level: "silent" }),
  });

  queue.push("a", 1);
  queue.push("b", 2);
  assert.deepEqual(sent, []);

  queue.markReady();
  queue.push("c", 3);
  assert.deepEqual(sent, [
    ["a", 1],
    ["b", 2],
    ["c", 3],
  ]);

  queue.markNotReady();
  queue.push("d", 4);
  assert.equal(sent.length, 3);
  queue.markReady();
  assert.deepEqual(sent[3], ["d", 4]);
});

test("push queue drops the oldest past its limit", () => {
  const sent: unknown[] = [];
  const queue = new RendererPushQueue({
    send: (_channel, payload) => sent.push(payload),
    log: pino({ level: "silent" }),
    maxQueued: 3,
  });

  for (let i = 1; i <= 5; i++) queue.push("lead", i);
  queue.markReady();

  assert.deepEqual(sent, [3, 4, 5]);
});

test("preload listeners replay the backlog once", () => {
  const listeners = new PushListeners<number>(2);
  listeners.deliver(1);
  listeners.deliver(2);
  listeners.deliver(3);

  const first: number[] = [];
  const second: number[] = [];
  const unsubscribe = listeners.subscribe((n) => first.push(n));
  listeners.subscribe((n) => second.push(n));
  listeners.deliver(4);
  unsubscribe();
  listeners.deliver(5);

  assert.deepEqual(first, [2, 3, 4]);
  assert.deepEqual(second, [4, 5]);
});

test("navigation hashes match the inbox routes", () => {
  assert.equal(
    navigationHash({ view: "candidate", candidateId: 12 }),
    "#/inbox/candidate/12",
  );
  assert.equal(navigationHash({ view: "inbox" }), "#/inbox");
  assert.equal(navigationHash({ view: "settings" }), "#/settings");
});
