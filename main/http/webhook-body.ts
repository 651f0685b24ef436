import type { IncomingMessage, ServerResponse } from "node:http";

import { decodeContentEncoding } from "./content-encoding";
import { readRequestBody } from "./request-body";
import { declaredContentLength, type RequestInfo } from "./request-info";
import type { WebhookLimits } from "./webhook-config";
import { rejected, type Checked, type Rejection } from "./webhook-rejection";

export interface ReceivedBody {
  /** The bytes as sent. */
  raw: Buffer;
  /** The bytes after Content-Encoding was undone. */
  decoded: Buffer;
}

/**
 * Receives and decompresses the body of an authenticated request. Returns
 * null when the client went away mid-body, because no client is left to receive a response.
 * Oversized and incomplete bodies are rejected without their bytes.
 */
export async function receiveBody(
  request: IncomingMessage,
  response: ServerResponse,
  limits: WebhookLimits,
  info: RequestInfo,
  expectsContinue: boolean,
): Promise<Checked<ReceivedBody> | null> {
  const declaredBytes = declaredContentLength(request);
  if (declaredBytes !== null && declaredBytes > limits.maxBodyBytes) {
    return rejected(
      tooLarge(
        `Content-Length ${declaredBytes} exceeds the limit of ${limits.maxBodyBytes} bytes`,
      ),
    );
  }

  if (expectsContinue) response.writeContinue();
  const read = await readRequestBody(request, {
    maxBytes: limits.maxBodyBytes,
    timeoutMs: limits.bodyTimeoutMs,
  });
  switch (read.kind) {
    case "too-large":
      return rejected(
        tooLarge(`the body exceeds the limit of ${limits.maxBodyBytes} bytes`),
      );
    case "timed-out":
      return rejected({
        statusCode: 408,
        error: "request body timed out",
        details: [
          `received ${read.receivedBytes} bytes in ${limits.bodyTimeoutMs} ms ` +
            "without the end of the body; send the whole body at once",
        ],
        close: true,
        record: { body: null },
      });
    case "aborted":
      info.log.info(
        { receivedBytes: read.receivedBytes, err: read.error },
        "client closed the connection before the body ended; nothing stored",
      );
      response.destroy();
      return null;
    case "complete":
      break;
  }

  const decoded = await decodeContentEncoding(
    read.body,
    request.headers["content-encoding"],
    limits.maxBodyBytes,
  );
  switch (decoded.kind) {
    case "unsupported":
      return rejected({
        statusCode: 415,
        error: "unsupported Content-Encoding",
        details: [
          `Content-Encoding "${decoded.encoding}" is not supported; ` +
            "send the body uncompressed, gzip or deflate",
        ],
        record: { body: read.body },
      });
    case "too-large":
      return rejected(
        tooLarge(
          `the decompressed body exceeds the limit of ${limits.maxBodyBytes} bytes`,
        ),
      );
    case "corrupt":
      return rejected({
        statusCode: 400,
        error: "request body could not be decompressed",
        details: [`invalid ${decoded.encoding} data: ${decoded.message}`],
        record: { body: read.body },
      });
    case "decoded":
      return { ok: true, value: { raw: read.body, decoded: decoded.body } };
  }
}

function tooLarge(detail: string): Rejection {
  return {
    statusCode: 413,
    error: "request body too large",
    details: [detail],
    close: true,
    record: { body: null },
  };
}
