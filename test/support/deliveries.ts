import type { IncomingDelivery } from "../../main/ingest/delivery";

/** Builds the delivery the listener would hand to the ingestor for `json`. */
export function deliveryOf(
  json: unknown,
  receivedAt = new Date().toISOString(),
): IncomingDelivery {
  const body = Buffer.from(JSON.stringify(json), "utf8");
  return {
    receivedAt,
    remoteAddress: "127.0.0.1",
    method: "POST",
    path: "/webhook",
    headers: {
      "content-type": "application/json",
      authorization: "Bearer ****",
    },
    body,
    json,
    signature: null,
    signatureValid: null,
    startedAt: process.hrtime.bigint(),
  };
}
