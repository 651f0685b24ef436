import { createHmac } from "node:crypto";

import type { LeadEventType } from "../../shared/lead-events";
import { SAMPLE_PAYLOADS } from "../ljo/sample-payloads";

export type TestCredentials =
  | { type: "bearer"; token: string }
  | { type: "basic"; user: string; password: string }
  | { type: "none" };

export interface SendTestResult {
  statusCode: number;
  body: string;
}

/** Time allowed for the listener to respond, the same as LJO allows. */
const SEND_TIMEOUT_MS = 30_000;

/**
 * Posts LJO's sample payload for `event` to `url`, as LJO's "Send Test
 * Event" button does, and returns the status and body of the response.
 */
export async function sendTestEvent(options: {
  url: string;
  event: LeadEventType;
  credentials: TestCredentials;
  /** Signs the body in X-T5-Signature (HMAC-SHA256, hex), as the listener checks it. */
  signatureSecret?: string;
}): Promise<SendTestResult> {
  const body = JSON.stringify(SAMPLE_PAYLOADS[options.event]);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "LocumLeadInbox-SendTest/1",
  };
  const { credentials } = options;
  if (credentials.type === "bearer") {
    headers.authorization = `Bearer ${credentials.token}`;
  } else if (credentials.type === "basic") {
    const pair = Buffer.from(
      `${credentials.user}:${credentials.password}`,
      "utf8",
    );
    headers.authorization = `Basic ${pair.toString("base64")}`;
  }
  if (options.signatureSecret) {
    headers["x-t5-signature"] = createHmac("sha256", options.signatureSecret)
      .update(body, "utf8")
      .digest("hex");
  }
  const response = await fetch(options.url, {
    method: "POST",
    headers,
    body,
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  return { statusCode: response.status, body: await response.text() };
}
